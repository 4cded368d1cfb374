/** ReplicaSet status as the controller computes it from the pods it owns. */
import { formatTime } from '../../meta/time.ts';
import { matches, fromMap } from '../../meta/selectors.ts';
import { minReadySecondsOf, replicasOf } from '../shared/defaults.ts';
import { compact, getCondition, isPodAvailable, isPodReady } from '../shared/objects.ts';
import type { Condition, Pod, ReplicaSet } from '../shared/types.ts';

export type ReplicaSetStatus = NonNullable<ReplicaSet['status']>;

export function calculateStatus(rs: ReplicaSet, pods: Pod[], manageError: string | undefined, now: number): ReplicaSetStatus {
  const templateLabels = fromMap(rs.spec?.template?.metadata?.labels);
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (matches(templateLabels, pod.metadata.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySecondsOf(rs), now)) available++;
    }
  }
  let conditions = [...(rs.status?.conditions ?? [])];
  const failure = getCondition(conditions, 'ReplicaFailure');
  if (manageError !== undefined && !failure) {
    const diff = pods.length - replicasOf(rs);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTime(now), reason, message: manageError } as Condition);
  } else if (manageError === undefined && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  return compact({
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled || undefined,
    readyReplicas: ready || undefined,
    availableReplicas: available || undefined,
    observedGeneration: rs.status?.observedGeneration,
    conditions: conditions.length > 0 ? conditions : undefined,
  });
}

export function statusUnchanged(a: ReplicaSetStatus | undefined, b: ReplicaSetStatus): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b);
}
