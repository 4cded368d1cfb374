/**
 * A cluster outlives its process: stopped with SIGTERM and started again on the same data directory, it
 * has the same objects (UIDs, resourceVersions), goes on counting resourceVersions from where it was,
 * keeps its CA and credentials (the kubeconfig and ServiceAccount tokens issued before stay valid) and
 * its workloads keep running.
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterUp, eventually, type RunningCluster } from './harness.ts';

let cluster: RunningCluster | undefined;
afterAll(async () => {
  await cluster?.stop();
  if (cluster) rmSync(cluster.dataDir, { recursive: true, force: true });
});

const field = (c: RunningCluster, what: string[], expr: string) => {
  const r = c.kubectl(['get', ...what, '-o', `jsonpath=${expr}`]);
  expect(r.stderr).toBe('');
  return r.stdout;
};
const kubeconfigUser = (file: string) => readFileSync(file, 'utf8').replace(/server: \S+/, 'server: <url>');

describe('restart on the same data directory', () => {
  it('keeps objects, resourceVersions, credentials and running workloads', async () => {
    const first = await clusterUp({ nodes: 1 });
    cluster = first;
    const ok = (args: string[]) => {
      const r = first.kubectl(args);
      expect([r.stderr, r.code]).toEqual(['', 0]);
      return r.stdout;
    };
    ok(['create', 'namespace', 'keep']);
    ok(['create', 'configmap', 'settings', '-n', 'keep', '--from-literal=mode=prod']);
    ok(['create', 'deployment', 'web', '-n', 'keep', '--image=nginx:1.27', '--replicas=2']);
    ok(['create', 'serviceaccount', 'bot', '-n', 'keep']);
    await eventually(() => field(first, ['deploy', 'web', '-n', 'keep'], '{.status.availableReplicas}') === '2', 60_000);
    const before = {
      cm: field(first, ['cm', 'settings', '-n', 'keep'], '{.metadata.uid} {.metadata.resourceVersion} {.data.mode}'),
      pods: field(first, ['pods', '-n', 'keep'], '{.items[*].metadata.name}'),
      kubeconfig: kubeconfigUser(first.kubeconfig),
    };
    const token = ok(['create', 'token', 'bot', '-n', 'keep']).trim();
    const listRV = Number(JSON.parse(ok(['get', 'cm', '-A', '-o', 'json'])).metadata.resourceVersion || 0);

    await first.stop();
    const second = await clusterUp({ nodes: 1, dataDir: first.dataDir });
    cluster = second;
    expect(kubeconfigUser(second.kubeconfig)).toBe(before.kubeconfig);
    expect(field(second, ['cm', 'settings', '-n', 'keep'], '{.metadata.uid} {.metadata.resourceVersion} {.data.mode}')).toBe(before.cm);
    expect(field(second, ['pods', '-n', 'keep'], '{.items[*].metadata.name}')).toBe(before.pods);
    expect(field(second, ['deploy', 'web', '-n', 'keep'], '{.status.availableReplicas}')).toBe('2');
    expect(field(second, ['pods', '-n', 'keep'], '{.items[*].status.phase}')).toBe('Running Running');

    // New writes continue the resourceVersion sequence.
    const created = second.kubectl(['create', 'configmap', 'later', '-n', 'keep', '-o', 'jsonpath={.metadata.resourceVersion}']);
    expect(Number(created.stdout)).toBeGreaterThan(listRV);

    // A token issued before the restart still authenticates.
    const whoami = second.kubectl(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}', `--token=${token}`]);
    expect([whoami.stdout, whoami.stderr]).toEqual(['system:serviceaccount:keep:bot', '']);

    // Controllers run again: a scale-up is carried out.
    expect(second.kubectl(['scale', 'deployment', 'web', '-n', 'keep', '--replicas=3']).stdout).toBe('deployment.apps/web scaled\n');
    await eventually(() => field(second, ['deploy', 'web', '-n', 'keep'], '{.status.availableReplicas}') === '3', 60_000);
  });
});
