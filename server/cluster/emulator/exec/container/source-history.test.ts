import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { ObjectStore } from '../../storage/object-store.ts';
import { SourceHistory } from './source-history.ts';

const cms = { group: '', resource: 'configmaps' };

describe('SourceHistory', () => {
  it('gives a ConfigMap as it was when a container started, not as it is now', () => {
    const clock = new ManualClock(1_000_000);
    const store = new ObjectStore(clock);
    const history = new SourceHistory(store, clock);
    const v1 = store.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { GREETING: 'hello' } });
    const containerStarted = clock.now() + 5_000;
    clock.advance(60_000);
    store.update(cms, { ...v1, data: { GREETING: 'bonjour' } });
    const data = (t: number) => (history.at('configmaps', 'default', 'app', t) as { data?: Record<string, string> } | undefined)?.data?.GREETING;
    expect(data(containerStarted)).toBe('hello');
    expect(data(clock.now())).toBe('bonjour');
  });

  it('knows objects that existed before it started following the store', () => {
    const clock = new ManualClock(1_000_000);
    const store = new ObjectStore(clock);
    const v1 = store.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { A: '1' } });
    const history = new SourceHistory(store, clock);
    const started = clock.now();
    clock.advance(1_000);
    expect((history.at('configmaps', 'default', 'app', started) as { data?: Record<string, string> }).data).toEqual({ A: '1' });
    store.update(cms, { ...v1, data: { A: '2' } });
    expect((history.at('configmaps', 'default', 'app', started) as { data?: Record<string, string> }).data).toEqual({ A: '1' });
    expect((history.at('configmaps', 'default', 'app', clock.now()) as { data?: Record<string, string> }).data).toEqual({ A: '2' });
  });
});
