/**
 * How long to wait before reconnecting, after `attempt` failures in a row: 0.5 s doubling to 10 s,
 * with ±20 % jitter so a class that lost the network does not come back all at once.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}
