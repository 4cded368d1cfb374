/**
 * Calls `fn` once things have been quiet for `waitMs`, and at least every `maxWaitMs` while they are
 * not (a cluster busy rolling out still gets its steps checked).
 */
import type { Clock } from './clock.ts';

export interface Debounced {
  (): void;
  cancel(): void;
}

export function debounce(fn: () => void, clock: Clock, waitMs: number, maxWaitMs: number): Debounced {
  let timer: unknown;
  let first: number | undefined;
  const fire = () => {
    timer = undefined;
    first = undefined;
    fn();
  };
  const call = () => {
    const now = clock.now();
    first ??= now;
    if (timer !== undefined) clock.clearTimeout(timer);
    const wait = Math.max(0, Math.min(waitMs, first + maxWaitMs - now));
    timer = clock.setTimeout(fire, wait);
  };
  call.cancel = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    first = undefined;
  };
  return call;
}
