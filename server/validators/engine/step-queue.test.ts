import { describe, expect, it } from 'vitest';
import { StepQueue } from './step-queue.ts';

describe('StepQueue', () => {
  it('merges triggers per step and takes explicit, then current, then lowest', () => {
    const q = new StepQueue();
    q.add(3, 'cluster');
    q.add(1, 'prompt');
    q.add(2, 'cluster');
    q.add(2, 'prompt');
    q.add(3, 'explicit');
    expect(q.size).toBe(3);
    expect(q.take(2)).toEqual({ index: 3, triggers: new Set(['cluster', 'explicit']) });
    expect(q.take(2)).toEqual({ index: 2, triggers: new Set(['cluster', 'prompt']) });
    expect(q.take(2)).toEqual({ index: 1, triggers: new Set(['prompt']) });
    expect(q.take(2)).toBeUndefined();
  });
});
