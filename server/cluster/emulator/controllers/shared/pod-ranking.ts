/**
 * The order in which controllers pick pods to delete when scaling down (`controller.ActivePodsWithRanks`,
 * with PodDeletionCost and LogarithmicScaleDown as 1.32 enables them): unscheduled before scheduled,
 * Pending before Unknown before Running, not ready before ready, lower deletion cost first, pods doubled
 * up on a node first, then the more recently ready, the more restarted, the more recently created.
 */
import { parseTime } from '../../meta/time.ts';
import { isPodReady, maxContainerRestarts, podPhase, podReadyCondition } from './objects.ts';
import type { Pod } from './types.ts';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

export interface RankedPod {
  pod: Pod;
  /** Related pods on the same node (more means delete sooner). */
  rank: number;
}

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[DELETION_COST];
  if (v === undefined || !/^-?\d+$/.test(v)) return 0;
  return Number(v);
}

/** Base-2 logarithm buckets of age: pods of similar age are treated as equally old. */
function logRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => {
    const d = (now - t) * 1e6; // nanoseconds, as upstream's Duration
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** Negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: RankedPod, b: RankedPod, now: number): number {
  const pa = a.pod;
  const pb = b.pod;
  const assignedA = !!pa.spec?.nodeName;
  const assignedB = !!pb.spec?.nodeName;
  if (assignedA !== assignedB) return assignedA ? 1 : -1;
  const phaseA = PHASE_ORDER[podPhase(pa)] ?? 0;
  const phaseB = PHASE_ORDER[podPhase(pb)] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isPodReady(pa);
  const readyB = isPodReady(pb);
  if (readyA !== readyB) return readyA ? 1 : -1;
  const costA = deletionCost(pa);
  const costB = deletionCost(pb);
  if (costA !== costB) return costA - costB;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (readyA && readyB) {
    const ta = parseTime(podReadyCondition(pa)?.lastTransitionTime);
    const tb = parseTime(podReadyCondition(pb)?.lastTransitionTime);
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
      const d = logRankDiff(ta, tb, now);
      if (d !== 0) return d;
    }
  }
  const ra = maxContainerRestarts(pa);
  const rb = maxContainerRestarts(pb);
  if (ra !== rb) return rb - ra;
  const ca = parseTime(pa.metadata.creationTimestamp);
  const cb = parseTime(pb.metadata.creationTimestamp);
  if (ca !== cb) {
    if (ca === undefined || cb === undefined) return ca === undefined ? -1 : 1;
    const d = logRankDiff(ca, cb, now);
    if (d !== 0) return d;
    return pa.metadata.uid < pb.metadata.uid ? -1 : 1;
  }
  return 0;
}

/** The `n` pods to delete first; `related` are the active pods of the owner's siblings (for the rank). */
export function podsToDelete(pods: Pod[], related: Pod[], n: number, now: number): Pod[] {
  if (n >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of related) {
    const node = p.spec?.nodeName;
    if (node) onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: pod.spec?.nodeName ? (onNode.get(pod.spec.nodeName) ?? 0) : 0 }));
  ranked.sort((a, b) => compareForDeletion(a, b, now));
  return ranked.slice(0, n).map((r) => r.pod);
}

/** Deletion order for the Job and StatefulSet cases (`controller.ActivePods`): ranks all zero. */
export function sortForDeletion(pods: Pod[], now: number): Pod[] {
  return pods
    .map((pod) => ({ pod, rank: 0 }))
    .sort((a, b) => compareForDeletion(a, b, now))
    .map((r) => r.pod);
}
