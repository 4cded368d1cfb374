/**
 * Recreate: scale every old ReplicaSet to zero, wait until none of their pods is left (terminal pods
 * aside), then create or scale up the new one.
 */
import { replicasOf, rsReplicasOf } from '../shared/defaults.ts';
import { controllerOf, podPhase } from '../shared/objects.ts';
import type { Pod, ReplicaSet } from '../shared/types.ts';
import type { DeploymentSync } from './sync.ts';
import { actualReplicas, deploymentComplete, filterActive } from './util.ts';

export function rolloutRecreate(s: DeploymentSync, pods: Pod[]): void {
  let { newRS, oldRSs } = s.allReplicaSets(false);
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) {
    if (rsReplicasOf(rs) === 0) continue;
    s.scaleReplicaSetAndRecordEvent(rs, 0);
    scaledDown = true;
  }
  if (scaledDown) {
    ({ newRS, oldRSs } = s.allReplicaSets(false));
    s.syncRolloutStatus([...oldRSs, newRS], newRS);
    return;
  }
  if (oldPodsRunning(newRS, oldRSs, pods)) {
    s.syncRolloutStatus([...oldRSs, newRS], newRS);
    return;
  }
  if (!newRS) ({ newRS, oldRSs } = s.allReplicaSets(true));
  if (newRS) s.scaleReplicaSetAndRecordEvent(newRS, replicasOf(s.d));
  if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanupDeployment(oldRSs);
  ({ newRS, oldRSs } = s.allReplicaSets(false));
  s.syncRolloutStatus([...oldRSs, newRS], newRS);
}

function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], pods: Pod[]): boolean {
  if (actualReplicas(oldRSs) > 0) return true;
  const old = new Set(oldRSs.map((rs) => rs.metadata.uid));
  return pods.some((p) => {
    const owner = controllerOf(p)?.uid;
    if (!owner || owner === newRS?.metadata.uid || !old.has(owner)) return false;
    const phase = podPhase(p);
    return phase !== 'Failed' && phase !== 'Succeeded';
  });
}
