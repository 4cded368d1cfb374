import { describe, expect, it } from 'vitest';
import { deploymentManifest, harness, type Harness } from '../testing.ts';
import type { ReplicaSet } from '../shared/types.ts';
import { DeploymentController } from '../deployment/controller.ts';
import { ReplicaSetController } from '../replicaset/controller.ts';
import { GarbageCollector } from './controller.ts';

function setup(reap = true): Harness {
  const h = harness({ controllers: [new DeploymentController(), new ReplicaSetController(), new GarbageCollector()], reapTerminatingPods: reap });
  h.create('deployments', deploymentManifest('web', 2));
  h.markAllPodsReady();
  return h;
}

const del = (h: Harness, propagationPolicy: 'Background' | 'Foreground' | 'Orphan') => {
  const r = h.api.delete(h.client('deployments').def, 'default', 'web', { propagationPolicy });
  h.settle();
  return r;
};

describe('garbage collector', () => {
  it('background: the Deployment goes at once, then its ReplicaSet, then the pods', () => {
    const h = setup();
    expect(del(h, 'Background').deleted).toBe(true);
    expect(h.list('deployments', 'default')).toHaveLength(0);
    expect(h.list('replicasets', 'default')).toHaveLength(0);
    expect(h.pods()).toHaveLength(0);
  });

  it('foreground: the Deployment waits with foregroundDeletion until its dependents are gone', () => {
    const h = setup(false);
    const r = del(h, 'Foreground');
    expect(r.deleted).toBe(false);
    const d = h.get('deployments', 'default', 'web')!;
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(d.metadata.deletionTimestamp).toBeDefined();
    // The ReplicaSet is itself deleted in the foreground, waiting for its pods.
    const rs = h.list<ReplicaSet>('replicasets', 'default')[0]!;
    expect(rs.metadata.finalizers).toEqual(['foregroundDeletion']);
    const pods = h.pods();
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    // No replacement pods while the ReplicaSet is being deleted.
    // The kubelet finishes the pods: the chain unwinds.
    for (const p of pods) h.api.delete(h.client('pods').def, 'default', p.metadata.name, { gracePeriodSeconds: 0 });
    h.settle();
    expect(h.list('replicasets', 'default')).toHaveLength(0);
    expect(h.list('deployments', 'default')).toHaveLength(0);
  });

  it('orphan: dependents lose the ownerReference and stay', () => {
    const h = setup();
    const rsBefore = h.list<ReplicaSet>('replicasets', 'default')[0]!;
    del(h, 'Orphan');
    expect(h.list('deployments', 'default')).toHaveLength(0);
    const rs = h.list<ReplicaSet>('replicasets', 'default')[0]!;
    expect(rs.metadata.uid).toBe(rsBefore.metadata.uid);
    expect(rs.metadata.ownerReferences).toBeUndefined();
    expect(h.pods()).toHaveLength(2);
    expect(h.pods().every((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid)).toBe(true);
  });

  it('keeps an object with a live owner and drops the reference to a missing one', () => {
    const h = harness({ controllers: [new GarbageCollector()] });
    const a = h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } });
    h.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'child',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'a', uid: a.metadata.uid },
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid: 'no-such-uid' },
        ],
      },
    });
    expect(h.get('configmaps', 'default', 'child')!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', name: 'a', uid: a.metadata.uid }]);
    h.api.delete(h.client('configmaps').def, 'default', 'a');
    h.settle();
    expect(h.get('configmaps', 'default', 'child')).toBeUndefined();
  });
});
