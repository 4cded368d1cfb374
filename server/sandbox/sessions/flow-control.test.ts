import { describe, expect, it } from 'vitest';
import { FlowControl } from './flow-control.ts';

describe('FlowControl', () => {
  it('pauses above the high watermark and resumes only at the low one', () => {
    const flow = new FlowControl({ high: 100, low: 20, stallMs: 1000 });
    flow.add('a');
    expect(flow.sent(100, 0)).toEqual({ paused: false, changed: false, drop: [] });
    expect(flow.sent(1, 0)).toEqual({ paused: true, changed: true, drop: [] });
    expect(flow.acked('a', 50, 10)).toEqual({ paused: true, changed: false, drop: [] });
    expect(flow.acked('a', 31, 20)).toEqual({ paused: false, changed: true, drop: [] });
  });

  it('lets the slowest client set the pace', () => {
    const flow = new FlowControl({ high: 100, low: 20 });
    flow.add('fast');
    flow.add('slow');
    flow.sent(150, 0);
    flow.acked('fast', 150, 1);
    expect(flow.isPaused).toBe(true);
    expect(flow.acked('slow', 140, 2).changed).toBe(true);
    expect(flow.isPaused).toBe(false);
  });

  it('drops a client that stopped acking, and the shell resumes for the others', () => {
    const flow = new FlowControl({ high: 100, low: 20, stallMs: 1000 });
    flow.add('tab');
    flow.add('stuck');
    flow.sent(200, 5000);
    flow.acked('tab', 200, 5100);
    expect(flow.nextCheck()).toBe(6000);
    expect(flow.check(5999).drop).toEqual([]);
    expect(flow.check(6000)).toEqual({ paused: false, changed: true, drop: ['stuck'] });
    expect(flow.nextCheck()).toBeUndefined();
  });

  it('restarts the stall clock when a slow client makes progress', () => {
    const flow = new FlowControl({ high: 100, low: 20, stallMs: 1000 });
    flow.add('slow');
    flow.sent(300, 0);
    flow.acked('slow', 50, 900);
    expect(flow.check(1500).drop).toEqual([]);
    expect(flow.check(1900).drop).toEqual(['slow']);
  });

  it('never drops the mirror', () => {
    const flow = new FlowControl({ high: 100, low: 20, stallMs: 1000 });
    flow.add('mirror', { droppable: false });
    flow.sent(500, 0);
    expect(flow.check(10_000).drop).toEqual([]);
    expect(flow.nextCheck()).toBeUndefined();
  });

  it('counts output sent to one client (a replayed screen) against that client only', () => {
    const flow = new FlowControl({ high: 100, low: 20 });
    flow.add('a');
    flow.add('b');
    flow.sent(150, 0, 'b');
    expect(flow.unacked('a')).toBe(0);
    expect(flow.unacked('b')).toBe(150);
  });

  it('ignores nonsense acks and resumes when the last slow client leaves', () => {
    const flow = new FlowControl({ high: 100, low: 20 });
    flow.add('a');
    flow.sent(200, 0);
    for (const n of [-5, Number.NaN, Infinity]) flow.acked('a', n, 1);
    expect(flow.unacked('a')).toBe(200);
    flow.acked('a', 1e9, 2);
    expect(flow.unacked('a')).toBe(0);
    flow.sent(200, 3);
    expect(flow.remove('a')).toEqual({ paused: false, changed: true, drop: [] });
  });

  it('refuses watermarks the wrong way round', () => {
    expect(() => new FlowControl({ high: 10, low: 10 })).toThrow(/low < high/);
  });
});
