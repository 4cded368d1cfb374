/**
 * RollingUpdate for DaemonSets: without surge, delete old pods (unavailable ones first) while at most
 * maxUnavailable nodes lack an available pod, and let the manage loop create the new ones; with
 * maxSurge, start the new pod next to the old one and delete the old one once the new one is available.
 */
import { minReadySecondsOf } from '../shared/defaults.ts';
import { scaledValue } from '../shared/int-or-percent.ts';
import { isPodAvailable } from '../shared/objects.ts';
import type { Pod } from '../shared/types.ts';
import { nodeShouldRunDaemonPod, type Node } from './scheduling.ts';
import { isPodUpdated } from './status.ts';
import { templateGenerationOf, type DaemonSet } from './types.ts';

export interface RollingPlan {
  toDelete: Pod[];
  /** Nodes that get a new pod while the old one still runs (surge). */
  needNew: string[];
}

export function surgeAndUnavailable(ds: DaemonSet, desired: number): { maxSurge: number; maxUnavailable: number } {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  const maxSurge = scaledValue(ru?.maxSurge, desired, true, 0);
  let maxUnavailable = scaledValue(ru?.maxUnavailable, desired, true, 1);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

export function rollingUpdatePlan(ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string, now: number): RollingPlan {
  const template = ds.spec?.template?.spec ?? {};
  const desired = nodes.filter((n) => nodeShouldRunDaemonPod(template, n).shouldRun).length;
  const { maxSurge, maxUnavailable } = surgeAndUnavailable(ds, desired);
  const generation = templateGenerationOf(ds);
  const available = (p: Pod) => isPodAvailable(p, minReadySecondsOf(ds), now);
  const sortedNodes = [...nodeToPods.keys()].sort();
  if (maxSurge === 0) {
    let unavailable = 0;
    const replace: Pod[] = [];
    const candidates: Pod[] = [];
    for (const node of sortedNodes) {
      const split = splitPods(nodeToPods.get(node)!, hash, generation);
      if (!split) {
        unavailable++;
        continue;
      }
      const { newPod, oldPod } = split;
      if ((!oldPod && !newPod) || (oldPod && newPod)) unavailable++;
      else if (newPod) {
        if (!available(newPod)) unavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) replace.push(oldPod);
        else if (unavailable < maxUnavailable) candidates.push(oldPod);
      }
    }
    const room = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.length));
    return { toDelete: [...replace, ...candidates.slice(0, room)], needNew: [] };
  }
  let surging = 0;
  const needNew: string[] = [];
  const toDelete: Pod[] = [];
  for (const node of sortedNodes) {
    const split = splitPods(nodeToPods.get(node)!, hash, generation);
    if (!split) continue;
    const { newPod, oldPod } = split;
    if (oldPod && newPod) {
      if (available(newPod)) toDelete.push(oldPod);
      else surging++;
    } else if (oldPod && !newPod) {
      if (!available(oldPod)) toDelete.push(oldPod);
      else needNew.push(node);
    }
  }
  return { toDelete, needNew: needNew.slice(0, Math.max(0, maxSurge - surging)) };
}

/** The new and old pod on one node; undefined when the node holds more than one of a kind (the manage loop fixes it). */
function splitPods(pods: Pod[], hash: string, generation: number | undefined): { newPod?: Pod; oldPod?: Pod } | undefined {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded') continue;
    if (isPodUpdated(p, hash, generation)) {
      if (newPod) return undefined;
      newPod = p;
    } else {
      if (oldPod) return undefined;
      oldPod = p;
    }
  }
  return { newPod, oldPod };
}
