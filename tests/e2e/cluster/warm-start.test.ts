/**
 * A new cluster is handed over as an EKS cluster that has been up for twelve minutes: at the first prompt its
 * nodes and namespaces are 12m old, its add-ons a little younger and Running and Ready, their start-up in the
 * events. What is created afterwards goes through its stages in real time, and a restart changes nothing.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, eventually, parseTable, type RunningCluster } from './harness.ts';

let cluster: RunningCluster;
const ok = (args: string[]) => {
  const r = cluster.kubectl(args);
  expect([r.stderr, r.code]).toEqual(['', 0]);
  return r.stdout;
};
const table = (args: string[]) => parseTable(ok(args));

beforeAll(async () => {
  cluster = await clusterUp({ nodes: 2 });
});
afterAll(async () => {
  await cluster?.stop();
  if (cluster) rmSync(cluster.dataDir, { recursive: true, force: true });
});

describe('a cluster at the first prompt', () => {
  it('has been up for minutes, its system pods Running and Ready', () => {
    // Read before anything else: nothing is waited for.
    const pods = table(['get', 'pods', '-n', 'kube-system']);
    const nodes = table(['get', 'nodes']);
    const workloads = table(['get', 'ds', '-n', 'kube-system']);
    expect(nodes.map((n) => [n.STATUS, n.AGE])).toEqual([
      ['Ready', '12m'],
      ['Ready', '12m'],
    ]);
    expect(table(['get', 'namespaces']).map((n) => n.AGE)).toEqual(['12m', '12m', '12m', '12m']);
    expect(pods).toHaveLength(6);
    for (const p of pods) {
      const [ready, total] = p.READY!.split('/');
      expect([p.NAME, p.STATUS, ready, p.RESTARTS]).toEqual([p.NAME, 'Running', total, '0']);
      expect(p.AGE).toMatch(/^1[12]m$/);
    }
    expect(table(['get', 'deploy', '-n', 'kube-system']).map((d) => [d.NAME, d.READY, d.AVAILABLE])).toEqual([['coredns', '2/2', '2']]);
    expect(workloads.map((d) => [d.NAME, d.DESIRED, d.READY, d.AVAILABLE])).toEqual([
      ['aws-node', '2', '2', '2'],
      ['kube-proxy', '2', '2', '2'],
    ]);
  });

  it('keeps the events of its start-up, with their ages', () => {
    const events = table(['get', 'events', '-n', 'kube-system']);
    const coredns = events.filter((e) => /^pod\/coredns-/.test(e.OBJECT!));
    expect(new Set(coredns.map((e) => e.REASON))).toEqual(new Set(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
    for (const e of events) expect(e['LAST SEEN']).toMatch(/^1[12]m$/);
    const nodeEvents = table(['get', 'events', '-n', 'default']).filter((e) => e.REASON === 'RegisteredNode');
    expect(nodeEvents.map((e) => e['LAST SEEN'])).toEqual(['12m', '12m']);
  });

  it('runs what the learner creates in real time', async () => {
    ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
    const first = table(['get', 'pods', '-l', 'app=web']);
    expect(first).toHaveLength(2);
    for (const p of first) {
      expect(p.READY).toBe('0/1');
      expect(['Pending', 'ContainerCreating']).toContain(p.STATUS);
      expect(p.AGE).toMatch(/^[0-2]s$/);
    }
    await eventually(() => table(['get', 'deploy', 'web'])[0]!.AVAILABLE === '2', 60_000);
    expect(table(['get', 'pods', '-l', 'app=web']).map((p) => p.AGE)).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+s$/)]));
  });

  it('is the same after a restart', async () => {
    const before = ok(['get', 'pods,deploy,ds', '-A', '-o', 'yaml']);
    await cluster.stop();
    cluster = await clusterUp({ nodes: 2, dataDir: cluster.dataDir });
    expect(ok(['get', 'pods,deploy,ds', '-A', '-o', 'yaml'])).toBe(before);
    expect(table(['get', 'nodes']).map((n) => n.AGE)).toEqual(['12m', '12m']);
  });
});
