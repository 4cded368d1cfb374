/**
 * The delay before a Job replaces failed pods: 10s after the first failure, doubling per further failure
 * since the last success, at most 10 minutes, counted from when the last failed pod finished.
 */
import { parseTime } from '../../meta/time.ts';
import type { Pod } from '../shared/types.ts';

export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 600_000;

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
  seen: Set<string>;
}

/** When a pod finished: its containers' last termination, else its Ready=False transition, else now. */
export function finishTime(pod: Pod, now: number): number {
  let latest: number | undefined;
  for (const c of pod.status?.containerStatuses ?? []) {
    const t = parseTime(c.state?.terminated?.finishedAt);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  if (latest !== undefined) return latest;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
  return parseTime(ready?.lastTransitionTime) ?? parseTime(pod.metadata.deletionTimestamp) ?? now;
}

/** Records newly finished pods (each counted once). */
export function observe(record: BackoffRecord, succeeded: Pod[], failed: Pod[], now: number): void {
  const fresh = (p: Pod) => !record.seen.has(p.metadata.uid);
  const newSucceeded = succeeded.filter(fresh);
  const newFailed = failed.filter(fresh);
  for (const p of [...newSucceeded, ...newFailed]) record.seen.add(p.metadata.uid);
  if (newSucceeded.length === 0 && newFailed.length === 0) return;
  const lastSuccess = Math.max(-Infinity, ...newSucceeded.map((p) => finishTime(p, now)));
  if (newSucceeded.length > 0) record.failuresAfterLastSuccess = 0;
  for (const p of newFailed) {
    const t = finishTime(p, now);
    if (t < lastSuccess) continue;
    record.failuresAfterLastSuccess++;
    if (record.lastFailureTime === undefined || t > record.lastFailureTime) record.lastFailureTime = t;
  }
}

export function remainingBackoff(record: BackoffRecord | undefined, now: number): number {
  if (!record || record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  let backoff = DEFAULT_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= MAX_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - record.lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}
