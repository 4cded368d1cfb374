/**
 * The text of a scheduling failure as kube-scheduler 1.32 writes it into the PodScheduled condition and the
 * FailedScheduling event: `0/N nodes are available:` then the PreFilter message or a histogram of filter reasons
 * (`<count> <reason>`, sorted as strings, joined by `, `), each closed by a period, then the PostFilter
 * (preemption) message when there is one.
 */

export function reasonHistogram(reasonsPerNode: string[][]): string {
  const counts = new Map<string, number>();
  for (const reasons of reasonsPerNode) for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join(', ');
}

export interface FitFailure {
  numNodes: number;
  /** Reasons of every node a filter rejected (ignored when a PreFilter failed). */
  reasonsPerNode: string[][];
  preFilterMessage?: string;
  /** Already prefixed, e.g. `preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod`. */
  postFilterMessage?: string;
}

const sentence = (text: string) => ` ${text.replace(/\.$/, '')}.`;

export function fitErrorMessage(f: FitFailure): string {
  let msg = `0/${f.numNodes} nodes are available:`;
  if (f.preFilterMessage) msg += sentence(f.preFilterMessage);
  else {
    const histogram = reasonHistogram(f.reasonsPerNode);
    if (histogram) msg += sentence(histogram);
  }
  if (f.postFilterMessage) msg += sentence(f.postFilterMessage);
  return msg;
}

/** DefaultPreemption's message when it finds no node where evicting lower-priority pods would help. */
export function preemptionMessage(numNodes: number, reasonsPerNode: string[][]): string {
  return `preemption: 0/${numNodes} nodes are available: ${reasonHistogram(reasonsPerNode)}`;
}

export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NEVER_PREEMPT = 'preemption: not eligible due to preemptionPolicy=Never';
