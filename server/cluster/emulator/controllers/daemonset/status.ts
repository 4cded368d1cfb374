/** DaemonSet status, counted over the nodes that should run its pod. */
import { generationOf, minReadySecondsOf } from '../shared/defaults.ts';
import { isPodAvailable, isPodReady } from '../shared/objects.ts';
import { CONTROLLER_REVISION_HASH } from '../shared/history.ts';
import { parseTime } from '../../meta/time.ts';
import type { Pod } from '../shared/types.ts';
import { nodeShouldRunDaemonPod, type Node } from './scheduling.ts';
import { TEMPLATE_GENERATION_LABEL, templateGenerationOf, type DaemonSet } from './types.ts';

export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const templateMatches = generation !== undefined && pod.metadata.labels?.[TEMPLATE_GENERATION_LABEL] === String(generation);
  const hashMatches = hash.length > 0 && pod.metadata.labels?.[CONTROLLER_REVISION_HASH] === hash;
  return hashMatches || templateMatches;
}

/** Oldest first; a running pod before a pending one of the same age. */
export function byCreationAndPhase(a: Pod, b: Pod): number {
  const ca = parseTime(a.metadata.creationTimestamp) ?? 0;
  const cb = parseTime(b.metadata.creationTimestamp) ?? 0;
  if (ca !== cb) return ca - cb;
  return (a.status?.phase === 'Running' ? 0 : 1) - (b.status?.phase === 'Running' ? 0 : 1);
}

export function computeStatus(ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string, now: number): NonNullable<DaemonSet['status']> {
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  const generation = templateGenerationOf(ds);
  for (const node of nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(ds.spec?.template?.spec ?? {}, node);
    const pods = nodeToPods.get(node.metadata.name) ?? [];
    if (!shouldRun) {
      if (pods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    if (pods.length === 0) continue;
    current++;
    const pod = [...pods].sort(byCreationAndPhase)[0]!;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySecondsOf(ds), now)) available++;
    }
    if (isPodUpdated(pod, hash, generation)) updated++;
  }
  const status: NonNullable<DaemonSet['status']> = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
  };
  if (generationOf(ds)) status.observedGeneration = generationOf(ds);
  if (updated) status.updatedNumberScheduled = updated;
  if (available) status.numberAvailable = available;
  if (desired - available) status.numberUnavailable = desired - available;
  if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
  if (ds.status?.conditions?.length) status.conditions = ds.status.conditions;
  return status;
}
