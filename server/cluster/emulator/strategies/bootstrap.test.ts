import { describe, expect, it } from 'vitest';
import { bootstrapCluster, createBootstrapObjects } from '../bootstrap/index.ts';
import { testCluster } from './testing.ts';

describe('the bootstrap objects of an EKS cluster', () => {
  it('pass defaulting, admission and validation', () => {
    const c = testCluster();
    const boot = bootstrapCluster(
      { name: 'lab', region: 'us-west-2', accountId: '111122223333', nodeGroups: [{ name: 'ng-1', instanceType: 't3.medium', desired: 2 }] },
      { now: c.clock.now() },
    );
    expect(() => createBootstrapObjects(c.api, c.registry, boot.objects)).not.toThrow();
    const dns = c.api.get(c.def('', 'v1', 'services'), 'kube-system', 'kube-dns');
    expect(dns.spec).toMatchObject({ clusterIP: '10.100.0.10', clusterIPs: ['10.100.0.10'] });
    const coredns = c.api.get(c.def('apps', 'v1', 'deployments'), 'kube-system', 'coredns');
    expect(coredns.spec).toMatchObject({ revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
  });
});
