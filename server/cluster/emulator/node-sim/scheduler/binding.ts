/** Writes the scheduler makes to a pod: the binding (node name + PodScheduled) and the unschedulable condition. */
import type { ControllerContext } from '../../controllers/types.ts';
import { ApiError } from '../../meta/errors.ts';
import { formatTime } from '../../meta/time.ts';
import type { KubeObject, StoredObject } from '../../meta/types.ts';
import { list, rec, type Json } from '../json.ts';
import type { SimResources } from '../resources.ts';

/** Sets or replaces one condition, keeping lastTransitionTime when the status did not change (podutil.UpdatePodCondition). */
export function withCondition(status: Json, condition: Json, now: number): Json {
  const conditions = list(status.conditions);
  const i = conditions.findIndex((c) => c.type === condition.type);
  const old = i >= 0 ? conditions[i] : undefined;
  const next: Json = {
    ...condition,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === condition.status ? old.lastTransitionTime : formatTime(now),
  };
  const out = [...conditions];
  if (i >= 0) out[i] = next;
  else out.push(next);
  return { ...status, conditions: out };
}

function writeStatus(ctx: ControllerContext, r: SimResources, pod: StoredObject, status: Json): StoredObject {
  return ctx.api.update(r.pods, pod.metadata.namespace, pod.metadata.name, { ...pod, status } as KubeObject, { subresource: 'status' }).object;
}

/**
 * What `POST pods/<name>/binding` does: sets spec.nodeName and PodScheduled=True in one write (watchers see a
 * single change), bypassing pod update validation as the binding subresource does upstream. A pod that was
 * bound or deleted meanwhile is refused (409), as the binding's precondition refuses it.
 */
export function bindPod(ctx: ControllerContext, r: SimResources, pod: StoredObject, nodeName: string): StoredObject {
  const current = ctx.store.get(r.pods.storage, pod.metadata.namespace, pod.metadata.name);
  if (!current) throw new ApiError(404, 'NotFound', `pods "${pod.metadata.name}" not found`);
  if (rec(current.spec).nodeName || current.metadata.deletionTimestamp) {
    throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${pod.metadata.name}": pod ${pod.metadata.name} is already assigned to node "${String(rec(current.spec).nodeName ?? '')}"`);
  }
  const { nominatedNodeName: _n, ...status } = rec(current.status);
  const next = withCondition({ phase: 'Pending', ...status }, { type: 'PodScheduled', status: 'True' }, ctx.clock.now());
  return ctx.store.update(r.pods.storage, { ...current, spec: { ...rec(current.spec), nodeName }, status: next } as KubeObject);
}

/** PodScheduled=False reason Unschedulable with the FitError message; written only when something changed. */
export function markUnschedulable(ctx: ControllerContext, r: SimResources, pod: StoredObject, message: string, nominated?: string): void {
  const status = rec(pod.status);
  const current = list(status.conditions).find((c) => c.type === 'PodScheduled');
  const sameNominee = (status.nominatedNodeName ?? undefined) === nominated;
  if (current && current.status === 'False' && current.reason === 'Unschedulable' && current.message === message && sameNominee) return;
  const { nominatedNodeName: _n, ...rest } = status;
  const next = withCondition(
    { phase: 'Pending', ...rest, ...(nominated ? { nominatedNodeName: nominated } : {}) },
    { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message },
    ctx.clock.now(),
  );
  writeStatus(ctx, r, pod, next);
}
