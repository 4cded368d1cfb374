/**
 * DefaultPreemption's PostFilter, reduced to what a workshop sees: on which nodes evicting lower-priority pods
 * would let the pod fit, and otherwise why not (the `preemption: …` half of the FailedScheduling message).
 */
import type { StoredObject } from '../../meta/types.ts';
import { rec, str } from '../json.ts';
import { NEVER_PREEMPT, NO_VICTIMS, NOT_HELPFUL, preemptionMessage } from './fit-error.ts';
import { runFilters, type ExtraFilter, type NodeStatus } from './filters.ts';
import { addPod, cloneInfo, removePod, type NodeInfo } from './node-info.ts';

export type PreemptionOutcome =
  | { kind: 'message'; message: string }
  | { kind: 'preempt'; node: string; victims: StoredObject[] };

export function evaluatePreemption(
  pod: StoredObject,
  infos: NodeInfo[],
  statuses: Map<string, NodeStatus>,
  priority: (p: StoredObject) => number,
  extra?: ExtraFilter,
): PreemptionOutcome {
  if (str(rec(pod.spec).preemptionPolicy) === 'Never') return { kind: 'message', message: NEVER_PREEMPT };
  const own = priority(pod);
  const reasons: string[][] = [];
  const candidates: { node: string; victims: StoredObject[] }[] = [];
  for (const info of infos) {
    const status = statuses.get(info.name);
    if (!status || status.code === 'UnschedulableAndUnresolvable') {
      reasons.push([NOT_HELPFUL]);
      continue;
    }
    const potential = info.pods.filter((p) => !p.metadata.deletionTimestamp && priority(p) < own);
    if (potential.length === 0) {
      reasons.push([NO_VICTIMS]);
      continue;
    }
    const trial = cloneInfo(info);
    for (const v of potential) removePod(trial, v);
    const still = runFilters(pod, trial, extra);
    if (still) {
      reasons.push(still.reasons);
      continue;
    }
    // Give back as many victims as possible, most important first.
    const victims: StoredObject[] = [];
    for (const v of [...potential].sort((a, b) => priority(b) - priority(a))) {
      addPod(trial, v);
      if (runFilters(pod, trial, extra)) {
        removePod(trial, v);
        victims.push(v);
      }
    }
    candidates.push({ node: info.name, victims });
  }
  if (candidates.length === 0) return { kind: 'message', message: preemptionMessage(infos.length, reasons) };
  const highest = (vs: StoredObject[]) => Math.max(...vs.map(priority), Number.MIN_SAFE_INTEGER);
  candidates.sort(
    (a, b) => highest(a.victims) - highest(b.victims) || a.victims.length - b.victims.length || (a.node < b.node ? -1 : 1),
  );
  return { kind: 'preempt', ...candidates[0]! };
}
