/** Deployment conditions: Available and Progressing with upstream's reasons, messages and time rules. */
import { formatTime } from '../../meta/time.ts';
import type { Condition, DeploymentStatus } from '../shared/types.ts';

export const Reason = {
  NewReplicaSetCreated: 'NewReplicaSetCreated',
  FoundNewReplicaSet: 'FoundNewReplicaSet',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  NewReplicaSetAvailable: 'NewReplicaSetAvailable',
  ProgressDeadlineExceeded: 'ProgressDeadlineExceeded',
  DeploymentPaused: 'DeploymentPaused',
  DeploymentResumed: 'DeploymentResumed',
  FailedReplicaSetCreate: 'ReplicaSetCreateError',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

export function newCondition(type: string, status: Condition['status'], reason: string, message: string, now: number): Condition {
  const t = formatTime(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getDeploymentCondition(s: DeploymentStatus | undefined, type: string): Condition | undefined {
  return s?.conditions?.find((c) => c.type === type);
}

/**
 * Sets a condition: nothing happens if status and reason are unchanged; the transition time is kept when
 * only the reason changes. The condition moves to the end of the list.
 */
export function setDeploymentCondition(s: DeploymentStatus, c: Condition): void {
  const current = getDeploymentCondition(s, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return;
  const next = { ...c };
  if (current && current.status === c.status) next.lastTransitionTime = current.lastTransitionTime;
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), next];
}

export function removeDeploymentCondition(s: DeploymentStatus, type: string): void {
  s.conditions = (s.conditions ?? []).filter((x) => x.type !== type);
}
