import { describe, expect, it } from 'vitest';
import { ManualClock } from '../cluster/emulator/clock.ts';
import { ObjectStore } from '../cluster/emulator/storage/object-store.ts';
import { ClusterPersistence } from './cluster-persistence.ts';
import { ClusterRecords } from './cluster-records.ts';
import { openDatabase } from './database.ts';
import { Settings } from './settings.ts';

const cms = { group: '', resource: 'configmaps' };

describe('cluster records', () => {
  it('persists a cluster\'s objects and brings them back after a restart', () => {
    const db = openDatabase(':memory:');
    const records = new ClusterRecords(db);
    records.create({ id: 'c1', owner: 'ada', name: 'workshop', spec: { nodes: 2 }, secrets: { token: 't' }, createdAt: 1 });
    const store = new ObjectStore(new ManualClock());
    const persistence = new ClusterPersistence(records, 'c1', store);
    store.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } });
    const b = store.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'default' } });
    store.update(cms, { ...b, data: { k: 'v' } });
    store.remove(cms, 'default', 'a');
    persistence.close();

    const snapshot = records.loadSnapshot('c1');
    expect(snapshot.rv).toBe(store.resourceVersion);
    expect(snapshot.objects.map((o) => [o.key.resource, o.object.metadata.name, o.object.data])).toEqual([['configmaps', 'b', { k: 'v' }]]);
    const restored = new ObjectStore(new ManualClock(), 1000, snapshot);
    expect(restored.get(cms, 'default', 'b')?.metadata.uid).toBe(b.metadata.uid);
    expect(records.get('c1')).toMatchObject({ owner: 'ada', spec: { nodes: 2 }, secrets: { token: 't' } });
    expect(records.list('ada').map((r) => r.id)).toEqual(['c1']);
    records.remove('c1');
    expect(records.loadSnapshot('c1').objects).toEqual([]);
  });

  it('keeps settings', async () => {
    const settings = new Settings(openDatabase(':memory:'));
    expect(await settings.getOrCreate('ca', () => ({ pem: 'x' }))).toEqual({ pem: 'x' });
    expect(await settings.getOrCreate('ca', () => ({ pem: 'y' }))).toEqual({ pem: 'x' });
  });
});
