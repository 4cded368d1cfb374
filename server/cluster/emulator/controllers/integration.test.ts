import { describe, expect, it } from 'vitest';
import { deploymentManifest, emulateNamespaceRegistry, harness } from './testing.ts';
import { workloadControllers } from './index.ts';
import type { Deployment, StoredObject } from './shared/types.ts';

describe('workload controllers together', () => {
  it('deploy, expose, scale, delete with cascade, and delete the namespace', () => {
    const h = harness({ controllers: workloadControllers({ caPem: 'PEM' }) });
    emulateNamespaceRegistry(h);
    h.namespace('shop');
    h.settle();
    expect(h.get('serviceaccounts', 'shop', 'default')).toBeDefined();
    expect(h.get('configmaps', 'shop', 'kube-root-ca.crt')).toBeDefined();

    h.create('deployments', { ...deploymentManifest('web', 2), metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } } });
    h.create('services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { app: 'web' }, clusterIP: '10.100.1.1', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] },
    });
    h.markAllPodsReady('shop');
    expect(h.get<Deployment>('deployments', 'shop', 'web')!.status?.availableReplicas).toBe(2);
    const ep = h.get<StoredObject & { subsets?: { addresses?: unknown[] }[] }>('endpoints', 'shop', 'web')!;
    expect(ep.subsets?.[0]?.addresses).toHaveLength(2);

    h.update<Deployment>('deployments', h.get<Deployment>('deployments', 'shop', 'web')!, (d) => (d.spec!.replicas = 4));
    h.markAllPodsReady('shop');
    expect(h.pods('shop')).toHaveLength(4);

    h.api.delete(h.client('deployments').def, 'shop', 'web', { propagationPolicy: 'Foreground' });
    h.settle();
    expect(h.get('deployments', 'shop', 'web')).toBeUndefined();
    expect(h.list('replicasets', 'shop')).toHaveLength(0);
    expect(h.pods('shop')).toHaveLength(0);

    h.api.delete(h.client('namespaces').def, undefined, 'shop');
    h.settle();
    expect(h.get('namespaces', undefined, 'shop')).toBeUndefined();
    expect(h.list('services', 'shop')).toHaveLength(0);
    // Periodic loops (HPA, event TTL) keep only timers; nothing spins.
    h.advance(120_000, 15_000);
    h.stop();
  });
});
