import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, parseTable, type RunningCluster } from './harness.ts';

let cluster: RunningCluster;
beforeAll(async () => {
  cluster = await clusterUp({ nodes: 3 });
});
afterAll(() => cluster?.destroy());

describe('a fresh cluster, seen through kubectl', () => {
  it('reports an EKS server version', () => {
    const r = cluster.kubectl(['version']);
    expect(r.stdout).toMatch(/^Server Version: v1\.32\.\d+-eks-[0-9a-f]{7}$/m);
  });

  it('lists its nodes as an EKS managed node group does', () => {
    const rows = parseTable(cluster.kubectl(['get', 'nodes', '-o', 'wide']).stdout);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.NAME).toMatch(/^ip-192-168-\d+-\d+\.us-west-2\.compute\.internal$/);
      expect(row.STATUS).toBe('Ready');
      expect(row.ROLES).toBe('<none>');
      expect(row.VERSION).toMatch(/^v1\.32\.\d+-eks-/);
      expect(row['CONTAINER-RUNTIME']).toMatch(/^containerd:\/\/1\.7\./);
    }
  });

  it('has the default namespaces', () => {
    const names = parseTable(cluster.kubectl(['get', 'namespaces']).stdout).map((r) => r.NAME);
    expect(names).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('answers an unknown type as a real API server does', () => {
    const r = cluster.kubectl(['get', 'foos']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('error: the server doesn\'t have a resource type "foos"');
  });

  it('answers a missing object with NotFound', () => {
    const r = cluster.kubectl(['get', 'deploy', 'nope']);
    expect(r.stderr.trim()).toBe('Error from server (NotFound): deployments.apps "nope" not found');
  });
});
