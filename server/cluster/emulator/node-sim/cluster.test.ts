import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../meta/types.ts';
import { eksCluster } from './cluster-harness.ts';

type Json = Record<string, any>;
const pods = (c: ReturnType<typeof eksCluster>, ns = 'kube-system') => c.cluster.store.list({ group: '', resource: 'pods' }, ns) as (StoredObject & Json)[];

describe('a fresh EKS cluster', () => {
  it('comes alive: aws-node and kube-proxy on every node, two CoreDNS replicas ready', () => {
    const c = eksCluster();
    c.run(60_000);
    const system = pods(c);
    const by = (prefix: string) => system.filter((p) => p.metadata.name.startsWith(prefix));
    expect(by('aws-node-')).toHaveLength(3);
    expect(by('kube-proxy-')).toHaveLength(3);
    expect(by('coredns-')).toHaveLength(2);
    for (const p of system) {
      expect(p.status.phase).toBe('Running');
      expect(p.status.containerStatuses.every((s: Json) => s.ready)).toBe(true);
    }
    for (const p of [...by('aws-node-'), ...by('kube-proxy-')]) expect(p.status.podIP).toBe(p.status.hostIP);
    const corednsNodes = new Set(by('coredns-').map((p) => p.spec.nodeName));
    expect(corednsNodes.size).toBe(2);
    expect(by('aws-node-')[0]!.status.initContainerStatuses[0].state.terminated.reason).toBe('Completed');
    const logs = c.logs.read('kube-system', by('coredns-')[0]!.metadata.name, {});
    expect(logs.split('\n').slice(0, 3)).toEqual(['.:53', expect.stringMatching(/^\[INFO\] plugin\/reload: Running configuration SHA512 = [0-9a-f]{128}$/), 'CoreDNS-1.11.4']);
    const warnings = c.cluster.store.list({ group: '', resource: 'events' }).filter((e: Json) => e.type === 'Warning' && e.reason !== 'InvalidDiskCapacity');
    expect(warnings.map((e: Json) => `${e.reason} ${e.message}`)).toEqual([]);
  });

  it('runs a Deployment spread over the nodes, each replica Running and Ready', () => {
    const c = eksCluster();
    c.run(30_000);
    const deploy = c.cluster.registry.lookup('apps', 'v1', 'deployments')!;
    c.cluster.api.create(deploy, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 80 } } }] } },
      },
    });
    c.run(30_000);
    const web = pods(c, 'default');
    expect(web).toHaveLength(3);
    expect(new Set(web.map((p) => p.spec.nodeName)).size).toBe(3);
    expect(web.every((p) => p.status.containerStatuses[0].ready)).toBe(true);
    const d = c.cluster.store.get(deploy.storage, 'default', 'web') as StoredObject & Json;
    expect(d.status.readyReplicas).toBe(3);
  });
});
