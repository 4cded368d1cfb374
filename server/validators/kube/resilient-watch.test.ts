import { describe, expect, it } from 'vitest';
import { FakeClock, flush } from '../testing/fake-clock.ts';
import { resilientWatch, type WatchSource } from './resilient-watch.ts';

/** A watch source whose streams the test drives. */
class FakeSource implements WatchSource {
  opens: (string | undefined)[] = [];
  lists = 0;
  listFails: Error | undefined;
  openFails: Error | undefined;
  aborted = 0;
  stream: { event: (type: string, object: unknown) => void; end: (error?: unknown) => void } | undefined;

  async startVersion() {
    this.lists++;
    if (this.listFails) throw this.listFails;
    return '100';
  }

  async open(version: string | undefined, onEvent: (type: string, object: unknown) => void, done: (error: unknown) => void) {
    this.opens.push(version);
    if (this.openFails) {
      done(this.openFails);
      return { abort: () => {} };
    }
    this.stream = { event: onEvent, end: (error) => done(error ?? null) };
    return { abort: () => this.aborted++ };
  }
}

function start(source: FakeSource) {
  const clock = new FakeClock();
  let changes = 0;
  const errors: unknown[] = [];
  const stop = resilientWatch(source, { clock, onChange: () => changes++, onError: (e) => errors.push(e) });
  return { clock, stop, errors, changes: () => changes };
}

describe('resilientWatch', () => {
  it('starts from a list, reports changes but not bookmarks, and resumes where it was', async () => {
    const source = new FakeSource();
    const t = start(source);
    await flush();
    expect(source.opens).toEqual(['100']);
    source.stream!.event('ADDED', { metadata: { resourceVersion: '101' } });
    source.stream!.event('BOOKMARK', { metadata: { resourceVersion: '105' } });
    expect(t.changes()).toBe(1);
    await t.clock.advance(300_000);
    source.stream!.end();
    await t.clock.advance(0);
    expect(source.opens).toEqual(['100', '105']);
    expect(source.lists).toBe(1);
    expect(t.errors).toEqual([]);
  });

  it('backs off after failures, up to a cap, and catches up once back', async () => {
    const source = new FakeSource();
    source.openFails = new Error('connect ECONNREFUSED');
    const t = start(source);
    await flush();
    const times: number[] = [];
    const t0 = t.clock.now();
    for (let i = 0; i < 10; i++) {
      const n = source.opens.length;
      while (source.opens.length === n) await t.clock.advance(50);
      times.push(t.clock.now() - t0);
    }
    const gaps = times.map((x, i) => x - (times[i - 1] ?? 0));
    expect(gaps.slice(0, 8)).toEqual([250, 500, 1000, 2000, 4000, 8000, 16000, 30000]);
    expect(t.errors.length).toBeGreaterThanOrEqual(10);
    source.openFails = undefined;
    await t.clock.advance(30_000);
    expect(t.changes()).toBe(1); // one evaluation to catch up on what the gap hid
    source.stream!.event('MODIFIED', { metadata: { resourceVersion: '200' } });
    source.stream!.end(new Error('reset'));
    await t.clock.advance(250);
    expect(source.opens.at(-1)).toBe('200'); // the back-off started over after a working watch
  });

  it('starts again from a list after 410 Gone', async () => {
    const source = new FakeSource();
    const t = start(source);
    await flush();
    source.stream!.event('ERROR', { code: 410, message: 'too old resource version' });
    source.stream!.end();
    await t.clock.advance(250);
    expect(source.lists).toBe(2);
    expect(source.opens).toEqual(['100', '100']);
  });

  it('retries soon when the list fails, and stops for good', async () => {
    const source = new FakeSource();
    source.listFails = new Error('the cluster has no resource type Widget');
    const t = start(source);
    await t.clock.advance(5000);
    expect(source.lists).toBeGreaterThan(3);
    source.listFails = undefined;
    await t.clock.advance(30_000);
    expect(source.opens.length).toBe(1);
    t.stop();
    expect(source.aborted).toBe(1);
    source.stream!.end();
    await t.clock.advance(60_000);
    expect(source.opens.length).toBe(1);
    expect(t.clock.pending).toBe(0);
  });
});
