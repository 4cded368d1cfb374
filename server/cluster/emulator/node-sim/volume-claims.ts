/** PersistentVolumeClaims as the scheduler, the binder and the kubelet see them. */
import type { StoredObject } from '../meta/types.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { list, rec, str, strMap } from './json.ts';
import type { SimResources } from './resources.ts';

export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

/** Names of the claims a pod mounts. */
export function podClaimNames(pod: StoredObject): string[] {
  return list(rec(pod.spec).volumes)
    .map((v) => str(rec(v.persistentVolumeClaim).claimName))
    .filter((n) => n !== '');
}

export function isBound(pvc: StoredObject): boolean {
  return str(rec(pvc.spec).volumeName) !== '' && str(rec(pvc.status).phase) === 'Bound';
}

/** The claim's StorageClass: named, or the cluster default when the claim names none. */
export function storageClassOf(store: ObjectStore, r: SimResources, pvc: StoredObject): StoredObject | undefined {
  const spec = rec(pvc.spec);
  const named = spec.storageClassName;
  if (typeof named === 'string') return named === '' ? undefined : store.get(r.storageClasses.storage, undefined, named);
  return store.list(r.storageClasses.storage).find((sc) => strMap(sc.metadata.annotations)[DEFAULT_CLASS] === 'true');
}

export const waitsForConsumer = (sc: StoredObject | undefined) => str(sc?.volumeBindingMode) === 'WaitForFirstConsumer';
