/**
 * The VolumeBinding plugin: claims must exist; unbound claims of an Immediate class block scheduling; bound
 * volumes restrict nodes by their node affinity; WaitForFirstConsumer claims are provisioned for the chosen node
 * before the pod is bound.
 */
import type { StoredObject } from '../../meta/types.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { rec, str } from '../json.ts';
import type { SimResources } from '../resources.ts';
import { isBound, podClaimNames, SELECTED_NODE, storageClassOf, waitsForConsumer } from '../volume-claims.ts';
import { REASON, type ExtraFilter } from './filters.ts';
import { termMatches } from './node-affinity.ts';

export interface VolumePlan {
  /** A PreFilter failure: every node gets it, preemption cannot help. */
  preFilter?: string;
  filter?: ExtraFilter;
  /** Claims to provision for the chosen node before binding. */
  delayed: StoredObject[];
}

export function planVolumes(pod: StoredObject, store: ObjectStore, r: SimResources): VolumePlan {
  const names = podClaimNames(pod);
  if (names.length === 0) return { delayed: [] };
  const ns = pod.metadata.namespace;
  const bound: StoredObject[] = [];
  const delayed: StoredObject[] = [];
  for (const name of names) {
    const pvc = store.get(r.pvcs.storage, ns, name);
    if (!pvc) return { preFilter: `persistentvolumeclaim "${name}" not found`, delayed: [] };
    if (pvc.metadata.deletionTimestamp) return { preFilter: `persistentvolumeclaim "${name}" is being deleted`, delayed: [] };
    if (isBound(pvc)) {
      const pv = store.get(r.pvs.storage, undefined, str(rec(pvc.spec).volumeName));
      if (pv) bound.push(pv);
      continue;
    }
    if (!waitsForConsumer(storageClassOf(store, r, pvc))) return { preFilter: 'pod has unbound immediate PersistentVolumeClaims', delayed: [] };
    delayed.push(pvc);
  }
  const filter: ExtraFilter = (info) => {
    for (const pv of bound) {
      const required = rec(rec(rec(pv.spec).nodeAffinity).required);
      const terms = Array.isArray(required.nodeSelectorTerms) ? (required.nodeSelectorTerms as Record<string, unknown>[]) : [];
      if (terms.length > 0 && !terms.some((t) => termMatches(t, info.node))) {
        return { code: 'UnschedulableAndUnresolvable', reasons: [REASON.volumeAffinity], plugin: 'VolumeBinding' };
      }
    }
    return undefined;
  };
  return { filter, delayed };
}

/** True once every delayed claim of the pod is bound (the scheduler's PreBind wait). */
export function delayedClaimsBound(pod: StoredObject, store: ObjectStore, r: SimResources): boolean {
  return podClaimNames(pod).every((name) => {
    const pvc = store.get(r.pvcs.storage, pod.metadata.namespace, name);
    return pvc !== undefined && isBound(pvc);
  });
}

export { SELECTED_NODE };
