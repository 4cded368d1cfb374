import { describe, expect, it } from 'vitest';
import { harness, type Harness } from '../testing.ts';
import type { Pod, StoredObject } from '../shared/types.ts';
import { EndpointsController } from './controller.ts';
import { EndpointSliceController } from './slices.ts';

function pod(h: Harness, name: string, labels: Record<string, string>) {
  return h.create<Pod>('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] },
  });
}

function service(h: Harness, extra: Record<string, unknown> = {}) {
  return h.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { selector: { app: 'web' }, clusterIP: '10.100.12.34', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], ...extra },
  });
}

type Endpoints = StoredObject & { subsets?: unknown[] };
type Slice = StoredObject & { addressType: string; endpoints: { addresses: string[]; conditions: Record<string, boolean>; nodeName?: string; targetRef: { name: string } }[]; ports?: unknown[] };

describe('endpoint controllers', () => {
  it('lists ready and not-ready pods with named target ports resolved', () => {
    const h = harness({ controllers: [new EndpointsController(), new EndpointSliceController()] });
    const a = pod(h, 'web-a', { app: 'web' });
    const b = pod(h, 'web-b', { app: 'web' });
    pod(h, 'other', { app: 'db' });
    service(h);
    const ep = () => h.get<Endpoints>('endpoints', 'default', 'web')!;
    expect(ep().subsets).toBeUndefined();
    expect(ep().metadata.labels).toEqual({ app: 'web' });
    h.markPodRunningAndReady(a, { ip: '10.0.1.20', node: 'node-1' });
    h.markPodNotReady(h.markPodRunningAndReady(b, { ip: '10.0.1.7', node: 'node-2' }));
    expect(ep().subsets).toEqual([
      {
        addresses: [{ ip: '10.0.1.20', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: a.metadata.uid } }],
        notReadyAddresses: [{ ip: '10.0.1.7', nodeName: 'node-2', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-b', uid: b.metadata.uid } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    expect(ep().metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe('2026-03-02T09:00:00Z');

    const [slice] = h.list<Slice>('endpointslices', 'default');
    expect(slice!.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice!.metadata.labels).toEqual({ app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Service', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slice!.endpoints.map((e) => [e.addresses[0], e.conditions, e.nodeName, e.targetRef.name])).toEqual([
      ['10.0.1.7', { ready: false, serving: false, terminating: false }, 'node-2', 'web-b'],
      ['10.0.1.20', { ready: true, serving: true, terminating: false }, 'node-1', 'web-a'],
    ]);
  });

  it('drops terminating pods from Endpoints but keeps them in slices as terminating', () => {
    const h = harness({ controllers: [new EndpointsController(), new EndpointSliceController()], reapTerminatingPods: false });
    const a = pod(h, 'web-a', { app: 'web' });
    service(h, { ports: [{ port: 80, targetPort: 8080 }] });
    h.markPodRunningAndReady(a, { ip: '10.0.1.5' });
    h.api.delete(h.client('pods').def, 'default', 'web-a');
    h.settle();
    expect(h.get<Endpoints>('endpoints', 'default', 'web')!.subsets).toBeUndefined();
    const [slice] = h.list<Slice>('endpointslices', 'default');
    expect(slice!.endpoints[0]!.conditions).toEqual({ ready: false, serving: true, terminating: true });
    expect(slice!.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
  });

  it('removes the Endpoints with the Service and ignores services without selector', () => {
    const h = harness({ controllers: [new EndpointsController(), new EndpointSliceController()] });
    h.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'manual', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
    expect(h.get('endpoints', 'default', 'manual')).toBeUndefined();
    service(h);
    expect(h.get('endpoints', 'default', 'web')).toBeDefined();
    expect(h.list('endpointslices', 'default')).toHaveLength(1);
    h.api.delete(h.client('services').def, 'default', 'web');
    h.settle();
    expect(h.get('endpoints', 'default', 'web')).toBeUndefined();
    expect(h.list('endpointslices', 'default')).toHaveLength(0);
  });
});
