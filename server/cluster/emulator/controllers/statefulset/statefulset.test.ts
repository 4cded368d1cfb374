import { describe, expect, it } from 'vitest';
import { harness, type Harness } from '../testing.ts';
import type { ControllerRevision } from '../shared/history.ts';
import type { Pod } from '../shared/types.ts';
import { StatefulSetController } from './controller.ts';
import type { StatefulSet } from './types.ts';

function stsManifest(replicas: number, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...spec,
    },
  };
}

const names = (h: Harness) => h.pods('default', (p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
const sts = (h: Harness) => h.get<StatefulSet>('statefulsets', 'default', 'web')!;
const readyPod = (h: Harness, name: string) => h.markPodRunningAndReady(h.get<Pod>('pods', 'default', name)!);

describe('StatefulSet controller', () => {
  it('creates pods in order, each after its predecessor is Running and Ready, with claims and identity', () => {
    const h = harness({ controllers: [new StatefulSetController()] });
    h.create('statefulsets', stsManifest(3));
    expect(names(h)).toEqual(['web-0']);
    const p0 = h.get<Pod>('pods', 'default', 'web-0')!;
    expect(p0.spec?.hostname).toBe('web-0');
    expect(p0.spec?.subdomain).toBe('nginx');
    expect(p0.spec?.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }]);
    const rev = h.list<ControllerRevision>('controllerrevisions', 'default')[0]!;
    expect(p0.metadata.labels).toEqual({ app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': rev.metadata.name });
    expect(rev.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rev.metadata.labels).toEqual({ app: 'nginx', 'controller.kubernetes.io/hash': rev.metadata.name.slice(4) });
    expect(h.get('persistentvolumeclaims', 'default', 'www-web-0')!.metadata.labels).toEqual({ app: 'nginx' });
    readyPod(h, 'web-0');
    expect(names(h)).toEqual(['web-0', 'web-1']);
    readyPod(h, 'web-1');
    readyPod(h, 'web-2');
    expect(names(h)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(h.events('default', 'web').slice(0, 2)).toEqual(['SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success', 'SuccessfulCreate: create Pod web-0 in StatefulSet web successful']);
    expect(sts(h).status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: rev.metadata.name,
      updateRevision: rev.metadata.name,
      collisionCount: 0,
      availableReplicas: 3,
    });
  });

  it('scales down from the highest ordinal, one at a time, keeping the claims', () => {
    const h = harness({ controllers: [new StatefulSetController()], reapTerminatingPods: false });
    h.create('statefulsets', stsManifest(3));
    for (const n of ['web-0', 'web-1', 'web-2']) readyPod(h, n);
    h.update<StatefulSet>('statefulsets', sts(h), (s) => (s.spec!.replicas = 1));
    expect(h.get<Pod>('pods', 'default', 'web-2')!.metadata.deletionTimestamp).toBeDefined();
    expect(h.get<Pod>('pods', 'default', 'web-1')!.metadata.deletionTimestamp).toBeUndefined();
    h.api.delete(h.client('pods').def, 'default', 'web-2', { gracePeriodSeconds: 0 });
    h.settle();
    expect(h.get<Pod>('pods', 'default', 'web-1')!.metadata.deletionTimestamp).toBeDefined();
    h.api.delete(h.client('pods').def, 'default', 'web-1', { gracePeriodSeconds: 0 });
    h.settle();
    expect(names(h)).toEqual(['web-0']);
    expect(h.list('persistentvolumeclaims', 'default').map((c) => c.metadata.name).sort()).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });

  it('creates all pods at once with podManagementPolicy Parallel', () => {
    const h = harness({ controllers: [new StatefulSetController()] });
    h.create('statefulsets', stsManifest(3, { podManagementPolicy: 'Parallel' }));
    expect(names(h)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('rolls an update from the highest ordinal and moves currentRevision when done', () => {
    const h = harness({ controllers: [new StatefulSetController()] });
    h.create('statefulsets', stsManifest(3));
    for (const n of ['web-0', 'web-1', 'web-2']) readyPod(h, n);
    const before = sts(h).status!.currentRevision!;
    h.update<StatefulSet>('statefulsets', sts(h), (s) => (s.spec!.template!.spec!.containers![0]!.image = 'nginx:1.28'));
    const image = (n: string) => h.get<Pod>('pods', 'default', n)?.spec?.containers?.[0]?.image;
    expect(image('web-2')).toBe('nginx:1.28');
    expect(image('web-1')).toBe('nginx:1.27');
    const after = sts(h).status!.updateRevision!;
    expect(after).not.toBe(before);
    expect(sts(h).status).toMatchObject({ currentRevision: before, updateRevision: after, updatedReplicas: 1 });
    readyPod(h, 'web-2');
    expect(image('web-1')).toBe('nginx:1.28');
    readyPod(h, 'web-1');
    readyPod(h, 'web-0');
    expect(image('web-0')).toBe('nginx:1.28');
    expect(sts(h).status).toMatchObject({ currentRevision: after, updateRevision: after, currentReplicas: 3, updatedReplicas: 3, readyReplicas: 3 });
    expect(h.list<ControllerRevision>('controllerrevisions', 'default').map((r) => r.revision).sort()).toEqual([1, 2]);
  });
});
