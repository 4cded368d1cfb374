import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { ApiError } from '../meta/errors.ts';
import { ObjectStore, type StoreEvent } from './object-store.ts';

const deployments = { group: 'apps', resource: 'deployments' };
const pods = { group: '', resource: 'pods' };
const dep = (name: string, ns = 'default') => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns }, spec: {} });

describe('ObjectStore', () => {
  it('assigns uid, creationTimestamp and increasing resourceVersions', () => {
    const store = new ObjectStore(new ManualClock(Date.parse('2026-03-01T12:00:00.750Z')));
    const a = store.create(deployments, dep('a'));
    const b = store.create(deployments, dep('b'));
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.creationTimestamp).toBe('2026-03-01T12:00:00Z');
    expect(Number(b.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
    expect(store.resourceVersion).toBe(Number(b.metadata.resourceVersion));
  });

  it('refuses a duplicate with AlreadyExists, and a stale update with Conflict', () => {
    const store = new ObjectStore(new ManualClock());
    const a = store.create(deployments, dep('web'));
    expect(() => store.create(deployments, dep('web'))).toThrowError('deployments.apps "web" already exists');
    store.update(deployments, { ...a, spec: { replicas: 2 } });
    try {
      store.update(deployments, { ...a, spec: { replicas: 3 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).toStatus()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
        reason: 'Conflict',
        details: { name: 'web', group: 'apps', kind: 'deployments' },
        code: 409,
      });
    }
  });

  it('lists by namespace in name order', () => {
    const store = new ObjectStore(new ManualClock());
    store.create(deployments, dep('b', 'x'));
    store.create(deployments, dep('a', 'y'));
    store.create(deployments, dep('a', 'x'));
    expect(store.list(deployments).map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['x/a', 'x/b', 'y/a']);
    expect(store.list(deployments, 'y').map((o) => o.metadata.name)).toEqual(['a']);
    expect(store.list(pods)).toEqual([]);
  });

  it('replays changes since a resourceVersion and expires old ones', () => {
    const store = new ObjectStore(new ManualClock(), 3);
    const start = store.resourceVersion;
    store.create(deployments, dep('a'));
    store.create(pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } });
    store.remove(deployments, 'default', 'a');
    expect(store.changesSince(start, { key: deployments }).map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
    store.create(deployments, dep('b'));
    expect(() => store.changesSince(start, {})).toThrowError(`too old resource version: ${start} (${start + 2})`);
  });

  it('tells subscribers of every change in order, with the previous object', () => {
    const store = new ObjectStore(new ManualClock());
    const seen: StoreEvent[] = [];
    store.subscribe((e) => seen.push(e));
    const a = store.create(deployments, dep('a'));
    store.update(deployments, { ...a, spec: { replicas: 1 } });
    const gone = store.remove(deployments, 'default', 'a');
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(seen[1]?.previous).toBe(a);
    expect(gone.metadata.resourceVersion).toBe(String(store.resourceVersion));
  });

  it('restores from a snapshot', () => {
    const first = new ObjectStore(new ManualClock());
    first.create(deployments, dep('a'));
    const snapshot = { rv: first.resourceVersion, objects: [...first.entries()] };
    const second = new ObjectStore(new ManualClock(), 1000, snapshot);
    expect(second.get(deployments, 'default', 'a')?.metadata.uid).toBe(first.get(deployments, 'default', 'a')?.metadata.uid);
    expect(second.create(deployments, dep('b')).metadata.resourceVersion).toBe(String(first.resourceVersion + 1));
  });
});
