/**
 * What a PodDisruptionBudget allows, as upstream's disruption controller computes it: the pods it
 * selects, how many of them should exist (from their controllers' scale when the budget is relative),
 * how many must stay healthy, and how many are healthy now.
 */
import { fromLabelSelector, matches, type LabelSelectorObject } from '../../meta/selectors.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { scaledValue } from '../shared/int-or-percent.ts';
import { controllerOf, isPodReady } from '../shared/objects.ts';
import { storageOf } from '../shared/resources.ts';
import type { IntOrString, Pod, StoredObject } from '../shared/types.ts';

export interface Pdb extends StoredObject {
  spec?: { selector?: LabelSelectorObject | null; minAvailable?: IntOrString; maxUnavailable?: IntOrString };
  status?: {
    observedGeneration?: number;
    disruptedPods?: Record<string, string>;
    disruptionsAllowed?: number;
    currentHealthy?: number;
    desiredHealthy?: number;
    expectedPods?: number;
    conditions?: unknown[];
  };
}

export interface Budget {
  expectedPods: number;
  desiredHealthy: number;
  currentHealthy: number;
  disruptionsAllowed: number;
  /** Why the expected count could not be found (pods without a scalable controller). */
  error?: string;
}

/** The pods a budget covers: a null selector covers none, an empty one every pod of the namespace. */
export function coveredPods(store: ObjectStore, pdb: Pdb): Pod[] {
  const selector = fromLabelSelector(pdb.spec?.selector);
  if (!selector) return [];
  return (store.list(storageOf('pods'), pdb.metadata.namespace) as Pod[]).filter((p) => matches(selector, p.metadata.labels));
}

/** The budgets of a pod's namespace that select it. */
export function budgetsOf(store: ObjectStore, pod: Pod): Pdb[] {
  return (store.list(storageOf('poddisruptionbudgets'), pod.metadata.namespace) as Pdb[]).filter((pdb) => {
    const selector = fromLabelSelector(pdb.spec?.selector);
    return selector !== undefined && matches(selector, pod.metadata.labels);
  });
}

type Scaled = StoredObject & { spec?: { replicas?: number } };

/** The desired replicas of the controller managing a pod (a Deployment through its ReplicaSet). */
function controllerScale(store: ObjectStore, pod: Pod): { uid: string; replicas: number } | undefined {
  const ref = controllerOf(pod);
  if (!ref) return undefined;
  const ns = pod.metadata.namespace;
  const find = (kind: 'replicasets' | 'statefulsets' | 'replicationcontrollers' | 'deployments', name: string) =>
    store.get(storageOf(kind), ns, name) as Scaled | undefined;
  let owner: Scaled | undefined;
  if (ref.kind === 'ReplicaSet') {
    const rs = find('replicasets', ref.name);
    const deploymentRef = controllerOf(rs);
    owner = deploymentRef?.kind === 'Deployment' ? find('deployments', deploymentRef.name) : rs;
  } else if (ref.kind === 'StatefulSet') owner = find('statefulsets', ref.name);
  else if (ref.kind === 'ReplicationController') owner = find('replicationcontrollers', ref.name);
  if (!owner) return undefined;
  return { uid: owner.metadata.uid, replicas: owner.spec?.replicas ?? 1 };
}

export function computeBudget(store: ObjectStore, pdb: Pdb): Budget {
  const pods = coveredPods(store, pdb);
  const disrupted = pdb.status?.disruptedPods ?? {};
  const currentHealthy = pods.filter((p) => !p.metadata.deletionTimestamp && !(p.metadata.name in disrupted) && isPodReady(p)).length;
  const { minAvailable, maxUnavailable } = pdb.spec ?? {};
  let expectedPods = pods.length;
  let desiredHealthy = 0;
  let error: string | undefined;
  if (typeof minAvailable === 'number') {
    desiredHealthy = minAvailable;
  } else {
    const scales = new Map<string, number>();
    for (const pod of pods) {
      const scale = controllerScale(store, pod);
      if (!scale) {
        error = `found no controllers for pod "${pod.metadata.name}"`;
        break;
      }
      scales.set(scale.uid, scale.replicas);
    }
    expectedPods = [...scales.values()].reduce((a, b) => a + b, 0);
    if (minAvailable !== undefined) desiredHealthy = scaledValue(minAvailable, expectedPods, true, 0);
    else desiredHealthy = Math.max(0, expectedPods - scaledValue(maxUnavailable, expectedPods, true, 0));
  }
  if (error) return { expectedPods: 0, desiredHealthy: 0, currentHealthy, disruptionsAllowed: 0, error };
  return { expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy) };
}
