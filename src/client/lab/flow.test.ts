import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';
import { AckBatcher } from './flow.ts';

describe('AckBatcher', () => {
  function batcher(threshold = 100) {
    const sent: number[] = [];
    const timers: (() => void)[] = [];
    const acks = new AckBatcher((n) => sent.push(n), threshold, 10, (fn) => timers.push(fn), () => timers.splice(0));
    return { acks, sent, timers };
  }

  it('acks at once past the threshold', () => {
    const { acks, sent } = batcher();
    acks.written(60);
    acks.written(60);
    expect(sent).toEqual([120]);
  });

  it('acks the rest shortly after the last write', () => {
    const { acks, sent, timers } = batcher();
    acks.written(10);
    acks.written(5);
    expect(sent).toEqual([]);
    expect(timers).toHaveLength(1);
    timers[0]!();
    expect(sent).toEqual([15]);
  });

  it('forgets what belonged to a closed connection', () => {
    const { acks, sent } = batcher();
    acks.written(10);
    acks.reset();
    acks.flush();
    expect(sent).toEqual([]);
  });
});

describe('backoffDelay', () => {
  it('doubles from half a second up to ten, with jitter', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 9].map((a) => backoffDelay(a, mid))).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
    expect(backoffDelay(0, () => 0)).toBe(400);
    expect(backoffDelay(0, () => 1)).toBe(600);
  });
});
