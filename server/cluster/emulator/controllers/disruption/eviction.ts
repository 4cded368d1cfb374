/**
 * `POST …/pods/<name>/eviction` (what `kubectl drain` sends), as kube-apiserver's eviction subresource
 * decides it: a pod that is not running (or already going) is deleted at once; otherwise the one
 * PodDisruptionBudget that selects it must allow a disruption, which the eviction then uses up.
 */
import type { ResourceApi } from '../../apiserver/resource-api.ts';
import type { Clock } from '../../clock.ts';
import { ApiError, errors } from '../../meta/errors.ts';
import { formatTime } from '../../meta/time.ts';
import type { Registry } from '../../registry/registry.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { defOf } from '../shared/resources.ts';
import type { Pod } from '../shared/types.ts';
import { budgetsOf, type Pdb } from './budget.ts';

export interface EvictionDeps {
  api: ResourceApi;
  store: ObjectStore;
  registry: Registry;
  clock: Clock;
}

/** 429 TooManyRequests with the cause kubectl drain prints before it retries. */
function budgetExhausted(cause: string): ApiError {
  return new ApiError(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.", {
    causes: [{ reason: 'DisruptionBudget', message: cause }],
  });
}

export function evictPod(deps: EvictionDeps, namespace: string, name: string, opts: { dryRun?: boolean } = {}): void {
  const pods = defOf(deps.registry, 'pods');
  const pod = deps.api.get(pods, namespace, name) as Pod;
  const phase = pod.status?.phase;
  // A pod without a phase has not been admitted yet: Pending.
  const ignoresBudgets = !phase || phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
  if (!ignoresBudgets) {
    const budgets = budgetsOf(deps.store, pod);
    if (budgets.length > 1) {
      throw errors.internal('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    }
    const pdb = budgets[0];
    if (pdb) useDisruption(deps, pdb, name, opts.dryRun ?? false);
  }
  deps.api.delete(pods, namespace, name, { dryRun: opts.dryRun ?? false });
}

function useDisruption(deps: EvictionDeps, pdb: Pdb, podName: string, dryRun: boolean): void {
  const status = pdb.status ?? {};
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) {
    throw budgetExhausted(`The disruption budget ${pdb.metadata.name} is still being processed by the server.`);
  }
  const allowed = status.disruptionsAllowed ?? 0;
  if (allowed < 0) throw errors.forbidden('pdb disruptions allowed is negative', {});
  if (allowed === 0) {
    throw budgetExhausted(`The disruption budget ${pdb.metadata.name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`);
  }
  if (dryRun) return;
  const def = defOf(deps.registry, 'poddisruptionbudgets');
  const next = {
    ...status,
    disruptionsAllowed: allowed - 1,
    disruptedPods: { ...(status.disruptedPods ?? {}), [podName]: formatTime(deps.clock.now()) },
  };
  deps.api.update(def, pdb.metadata.namespace, pdb.metadata.name, { ...pdb, status: next }, { subresource: 'status' });
}
