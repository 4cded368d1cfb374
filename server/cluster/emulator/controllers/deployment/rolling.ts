/**
 * RollingUpdate: each sync takes one step, scaling the new ReplicaSet up within maxSurge or the old ones
 * down within maxUnavailable (unhealthy old pods first), as upstream's rolling.go.
 */
import { replicasOf, rsReplicasOf } from '../shared/defaults.ts';
import type { ReplicaSet } from '../shared/types.ts';
import type { DeploymentSync } from './sync.ts';
import { availableReplicas, byCreation, deploymentComplete, filterActive, maxUnavailable, newRSNewReplicas, specReplicas } from './util.ts';

export function rolloutRolling(s: DeploymentSync): void {
  let { newRS, oldRSs } = s.allReplicaSets(true);
  if (reconcileNewReplicaSet(s, [...oldRSs, newRS], newRS)) {
    ({ newRS, oldRSs } = s.allReplicaSets(false));
    s.syncRolloutStatus([...oldRSs, newRS], newRS);
    return;
  }
  if (reconcileOldReplicaSets(s, [...oldRSs, newRS], filterActive(oldRSs), newRS)) {
    ({ newRS, oldRSs } = s.allReplicaSets(false));
    s.syncRolloutStatus([...oldRSs, newRS], newRS);
    return;
  }
  if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanupDeployment(oldRSs);
  ({ newRS, oldRSs } = s.allReplicaSets(false));
  s.syncRolloutStatus([...oldRSs, newRS], newRS);
}

function reconcileNewReplicaSet(s: DeploymentSync, all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): boolean {
  if (!newRS) return false;
  const desired = replicasOf(s.d);
  if (rsReplicasOf(newRS) === desired) return false;
  if (rsReplicasOf(newRS) > desired) return s.scaleReplicaSetAndRecordEvent(newRS, desired).scaled;
  return s.scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(s.d, all, newRS)).scaled;
}

function reconcileOldReplicaSets(s: DeploymentSync, all: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[], newRS: ReplicaSet | undefined): boolean {
  if (specReplicas(oldRSs) === 0) return false;
  const allPods = specReplicas(all);
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
  const newUnavailable = rsReplicasOf(newRS) - (newRS?.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const { sets, cleaned } = cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSets(s, [...sets, newRS], sets);
  return cleaned + scaledDown > 0;
}

/** Old ReplicaSets with unavailable pods shrink first: those pods give no capacity anyway. */
function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: ReplicaSet[], maxCleanup: number): { sets: ReplicaSet[]; cleaned: number } {
  const sets = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < sets.length; i++) {
    const rs = sets[i]!;
    if (total >= maxCleanup) break;
    const replicas = rsReplicasOf(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const down = Math.min(maxCleanup - total, replicas - available);
    sets[i] = s.scaleReplicaSetAndRecordEvent(rs, replicas - down).rs;
    total += down;
  }
  return { sets, cleaned: total };
}

/** Scales old ReplicaSets down while more pods are available than the minimum. */
function scaleDownOldReplicaSets(s: DeploymentSync, all: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[]): number {
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
  const available = availableReplicas(all);
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    if (rsReplicasOf(rs) === 0) continue;
    const down = Math.min(rsReplicasOf(rs), target - total);
    s.scaleReplicaSetAndRecordEvent(rs, rsReplicasOf(rs) - down);
    total += down;
  }
  return total;
}
