/** Event names: `<involved object name>.<timestamp in nanoseconds, hex>`, as client-go names them. */
import { randomInt } from 'node:crypto';

let lastNanos = 0n;

/** A strictly increasing nanosecond timestamp for `ms` (sub-millisecond digits are filled in, never repeating). */
export function nanosFor(ms: number): bigint {
  let n = BigInt(Math.floor(ms)) * 1_000_000n + BigInt(randomInt(0, 1_000_000));
  if (n <= lastNanos) n = lastNanos + 1n;
  lastNanos = n;
  return n;
}

export function eventName(involvedName: string, ms: number): string {
  return `${involvedName}.${nanosFor(ms).toString(16)}`;
}
