/**
 * Deployment status: replica counts summed over the ReplicaSets, the Available condition, and the
 * Progressing condition of a rollout with its deadline (upstream's progress.go and calculateStatus).
 */
import { clone } from '../shared/objects.ts';
import { progressDeadlineOf, replicasOf } from '../shared/defaults.ts';
import type { DeploymentStatus, ReplicaSet } from '../shared/types.ts';
import { getDeploymentCondition, newCondition, Reason, removeDeploymentCondition, setDeploymentCondition } from './conditions.ts';
import type { DeploymentSync } from './sync.ts';
import { actualReplicas, availableReplicas, deploymentComplete, deploymentProgressing, maxUnavailable, readyReplicas, specReplicas } from './util.ts';

export function calculateStatus(s: DeploymentSync, all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentStatus {
  const d = s.d;
  const available = availableReplicas(all);
  const unavailable = Math.max(0, specReplicas(all) - available);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: actualReplicas(all),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(all),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    conditions: clone(d.status?.conditions ?? []),
    collisionCount: d.status?.collisionCount,
  };
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newCondition('Available', 'True', Reason.MinimumReplicasAvailable, 'Deployment has minimum availability.', s.env.now()));
  } else {
    setDeploymentCondition(status, newCondition('Available', 'False', Reason.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', s.env.now()));
  }
  return status;
}

/** Status without rollout conditions (paused, scaling, deleting). */
export function syncDeploymentStatus(s: DeploymentSync, all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
  const status = calculateStatus(s, all, newRS);
  if (sameStatus(s.d.status, status)) return;
  s.writeStatus(status);
}

/** Status with the Progressing condition of a rollout, and a requeue to notice a missed deadline. */
export function syncRolloutStatus(s: DeploymentSync, all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
  const d = s.d;
  const now = s.env.now();
  const status = calculateStatus(s, all, newRS);
  const deadline = progressDeadlineOf(d);
  if (deadline === undefined) removeDeploymentCondition(status, 'Progressing');
  const current = getDeploymentCondition(d.status, 'Progressing');
  const complete = status.replicas === status.updatedReplicas && current?.reason === Reason.NewReplicaSetAvailable;
  if (deadline !== undefined && !complete) {
    if (deploymentComplete(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setDeploymentCondition(status, newCondition('Progressing', 'True', Reason.NewReplicaSetAvailable, msg, now));
    } else if (deploymentProgressing(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const c = newCondition('Progressing', 'True', Reason.ReplicaSetUpdated, msg, now);
      // Progress moves lastUpdateTime even when the reason stays; the transition time only on a status change.
      if (current) {
        if (current.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
        removeDeploymentCondition(status, 'Progressing');
      }
      setDeploymentCondition(status, c);
    } else if (timedOut(status, deadline, now)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setDeploymentCondition(status, newCondition('Progressing', 'False', Reason.ProgressDeadlineExceeded, msg, now));
    }
  }
  if (sameStatus(d.status, status)) {
    requeueIfStuck(s, status, deadline, now);
    return;
  }
  s.writeStatus(status);
}

function timedOut(status: DeploymentStatus, deadline: number, now: number): boolean {
  const c = getDeploymentCondition(status, 'Progressing');
  if (!c) return false;
  if (c.reason === Reason.NewReplicaSetAvailable) return false;
  if (c.reason === Reason.ProgressDeadlineExceeded) return true;
  const from = Date.parse(c.lastUpdateTime ?? '');
  return Number.isFinite(from) && from + deadline * 1000 < now;
}

function requeueIfStuck(s: DeploymentSync, status: DeploymentStatus, deadline: number | undefined, now: number): void {
  const c = getDeploymentCondition(s.d.status, 'Progressing');
  if (deadline === undefined || !c) return;
  if (deploymentComplete(s.d, status) || c.reason === Reason.ProgressDeadlineExceeded) return;
  const from = Date.parse(c.lastUpdateTime ?? '');
  if (!Number.isFinite(from)) return;
  s.env.requeueAfter(Math.max(0, from + deadline * 1000 - now) + 1);
}

/** Progressing=Unknown DeploymentPaused / DeploymentResumed, unless the deadline was already reported. */
export function checkPausedConditions(s: DeploymentSync): void {
  const d = s.d;
  if (progressDeadlineOf(d) === undefined) return;
  const c = getDeploymentCondition(d.status, 'Progressing');
  if (c?.reason === Reason.ProgressDeadlineExceeded) return;
  const pausedCond = c?.reason === Reason.DeploymentPaused;
  const status = s.workingStatus();
  if (d.spec?.paused && !pausedCond) {
    setDeploymentCondition(status, newCondition('Progressing', 'Unknown', Reason.DeploymentPaused, 'Deployment is paused', s.env.now()));
  } else if (!d.spec?.paused && pausedCond) {
    setDeploymentCondition(status, newCondition('Progressing', 'Unknown', Reason.DeploymentResumed, 'Deployment is resumed', s.env.now()));
  } else return;
  s.writeStatus(status);
}

export function compactStatus(s: DeploymentStatus): DeploymentStatus {
  // Every DeploymentStatus field is omitempty upstream.
  const out: DeploymentStatus = {};
  for (const [k, v] of Object.entries(s) as [keyof DeploymentStatus, unknown][]) {
    if (v === undefined || v === 0 || (Array.isArray(v) && v.length === 0)) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}

function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  return JSON.stringify(compactStatus(a ?? {})) === JSON.stringify(compactStatus(b));
}
