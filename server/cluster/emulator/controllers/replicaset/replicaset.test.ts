import { describe, expect, it } from 'vitest';
import { harness, type Harness } from '../testing.ts';
import type { Pod, ReplicaSet } from '../shared/types.ts';
import { ReplicaSetController } from './controller.ts';

function rsManifest(name: string, replicas: number, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name, tier: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      ...extra,
    },
  };
}

const rs = (h: Harness, name = 'web') => h.get<ReplicaSet>('replicasets', 'default', name)!;

describe('ReplicaSet controller', () => {
  it('creates pods from the template with generateName, labels and a controller ownerReference', () => {
    const h = harness({ controllers: [new ReplicaSetController()] });
    const created = h.create<ReplicaSet>('replicasets', rsManifest('web', 3));
    const pods = h.pods();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.labels).toEqual({ app: 'web', tier: 'web' });
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect([...h.events('default', 'web')].sort()).toEqual(pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort());
    expect(rs(h).status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it('reports ready and available replicas, honouring minReadySeconds on the clock', () => {
    const h = harness({ controllers: [new ReplicaSetController()] });
    h.create('replicasets', rsManifest('web', 2, { minReadySeconds: 10 }));
    h.markAllPodsReady();
    expect(rs(h).status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect(rs(h).status?.availableReplicas).toBeUndefined();
    h.advance(10_000);
    expect(rs(h).status?.availableReplicas).toBeUndefined();
    h.advance(1_000);
    expect(rs(h).status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
  });

  it('scales down unscheduled, then pending, then not-ready pods before ready ones', () => {
    const h = harness({ controllers: [new ReplicaSetController()] });
    h.create('replicasets', rsManifest('web', 4));
    const [a, b, c, d] = h.pods() as [Pod, Pod, Pod, Pod];
    h.markPodRunningAndReady(a);
    h.markPodRunningAndReady(b);
    h.markPodNotReady(h.markPodRunningAndReady(c));
    h.bindPod(d, 'node-2'); // scheduled but still Pending
    const scale = (n: number) => h.update<ReplicaSet>('replicasets', rs(h), (o) => (o.spec!.replicas = n));
    scale(3);
    expect(h.pods().map((p) => p.metadata.name).sort()).toEqual([a, b, c].map((p) => p.metadata.name).sort());
    scale(2);
    expect(h.pods().map((p) => p.metadata.name).sort()).toEqual([a, b].map((p) => p.metadata.name).sort());
    expect(h.events('default', 'web').slice(-2)).toEqual([`SuccessfulDelete: Deleted pod: ${d.metadata.name}`, `SuccessfulDelete: Deleted pod: ${c.metadata.name}`]);
    scale(0);
    expect(h.pods()).toHaveLength(0);
    expect(rs(h).status).toEqual({ replicas: 0, observedGeneration: 4 });
  });

  it('replaces a deleted pod and adopts matching orphans, releasing pods that stop matching', () => {
    const h = harness({ controllers: [new ReplicaSetController()] });
    const set = h.create<ReplicaSet>('replicasets', rsManifest('web', 2));
    const [first] = h.pods() as [Pod];
    h.update<Pod>('pods', first, (p) => (p.metadata.labels = { app: 'other' }));
    // Released: no ownerReference any more, and a replacement was created.
    expect(h.get<Pod>('pods', 'default', first.metadata.name)!.metadata.ownerReferences).toBeUndefined();
    expect(h.pods('default', (p) => p.metadata.labels?.app === 'web')).toHaveLength(2);
    // An orphan with matching labels is adopted, and the surplus pod deleted.
    h.update<Pod>('pods', h.get<Pod>('pods', 'default', first.metadata.name)!, (p) => (p.metadata.labels = { app: 'web' }));
    const owned = h.pods('default', (p) => p.metadata.ownerReferences?.[0]?.uid === set.metadata.uid);
    expect(owned).toHaveLength(2);
  });

  it('aggregates more than ten similar events into one combined event', () => {
    const h = harness({ controllers: [new ReplicaSetController()] });
    h.create('replicasets', rsManifest('web', 12));
    const events = h.eventObjects('default', 'web');
    expect(events).toHaveLength(10);
    expect(events.slice(0, 9).every((e) => e.message.startsWith('Created pod: web-') && e.count === 1)).toBe(true);
    const combined = events[9]!;
    expect(combined.message).toMatch(/^\(combined from similar events\): Created pod: web-[a-z0-9]{5}$/);
    expect(combined.count).toBe(3);
  });
});
