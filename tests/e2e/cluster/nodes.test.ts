/**
 * Node maintenance: cordon, uncordon, and drain through the eviction API, which honours the
 * PodDisruptionBudget EKS's CoreDNS add-on ships (kubectl retries while it refuses).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, eventually, type RunningCluster } from './harness.ts';
import { normTable } from './normalize.ts';

let cluster: RunningCluster;
let nodes: string[];
const ok = (args: string[]) => {
  const r = cluster.kubectl(args, { timeoutMs: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};
const field = (what: string[], expr: string) => cluster.kubectl(['get', ...what, '-o', `jsonpath=${expr}`]).stdout;
const corednsReady = () => field(['deploy', 'coredns', '-n', 'kube-system'], '{.status.readyReplicas}') === '2';

beforeAll(async () => {
  cluster = await clusterUp({ nodes: 2 });
  nodes = field(['nodes'], '{.items[*].metadata.name}').split(' ');
  ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
  await eventually(() => field(['deploy', 'web'], '{.status.availableReplicas}') === '2' && corednsReady(), 90_000);
});
afterAll(() => cluster?.destroy());

describe('cordon and uncordon', () => {
  it('marks a node unschedulable and back', async () => {
    const node = nodes[0]!;
    expect(ok(['cordon', node])).toBe(`node/${node} cordoned\n`);
    expect(ok(['cordon', node])).toBe(`node/${node} already cordoned\n`);
    const row = cluster.kubectl(['get', 'node', node, '--no-headers']).stdout.trim().split(/\s+/);
    expect(row[1]).toBe('Ready,SchedulingDisabled');
    // The node lifecycle controller follows spec.unschedulable with a NoSchedule taint.
    await eventually(() => field(['node', node], '{.spec.taints[*].key}={.spec.taints[*].effect}') === 'node.kubernetes.io/unschedulable=NoSchedule', 10_000);
    expect(ok(['uncordon', node])).toBe(`node/${node} uncordoned\n`);
    expect(ok(['uncordon', node])).toBe(`node/${node} already uncordoned\n`);
    await eventually(() => field(['node', node], '{.spec.unschedulable}{.spec.taints}') === '', 10_000);
  });

  it('keeps the coredns budget: one replica may go at a time', () => {
    expect(normTable(ok(['get', 'pdb', '-n', 'kube-system']))).toBe(`NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
coredns   N/A             1                 1                     <age>`);
  });
});

describe('drain', () => {
  it('refuses DaemonSet pods unless told to ignore them', () => {
    const node = nodes[1]!;
    const r = cluster.kubectl(['drain', node]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`node/${node} cordoned\n`);
    const ds = /cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): (kube-system\/aws-node-\w{5}, kube-system\/kube-proxy-\w{5})/.exec(r.stderr);
    expect(ds).not.toBeNull();
    expect(r.stderr).toBe(
      `error: unable to drain node "${node}" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds![1]}, continuing command...\n` +
        `There are pending nodes to be drained:\n ${node}\n` +
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds![1]}\n`,
    );
    ok(['uncordon', node]);
  });

  it('evicts what runs on a node, retrying while a disruption budget refuses', async () => {
    // Both CoreDNS replicas on one node: the second eviction must wait until the first is replaced and ready.
    const node = field(['pods', '-n', 'kube-system', '-l', 'k8s-app=kube-dns'], '{.items[0].spec.nodeName}');
    const other = nodes.find((n) => n !== node)!;
    ok(['cordon', other]);
    ok(['delete', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-dns', '--field-selector', `spec.nodeName=${other}`]);
    await eventually(() => corednsReady() && field(['pods', '-n', 'kube-system', '-l', 'k8s-app=kube-dns'], '{.items[*].spec.nodeName}') === `${node} ${node}`, 90_000);
    ok(['uncordon', other]);
    const r = cluster.kubectl(['drain', node, '--ignore-daemonsets', '--timeout=90s'], { timeoutMs: 120_000 });
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n').filter(Boolean);
    expect(out[0]).toBe(`node/${node} cordoned`);
    expect(out.at(-1)).toBe(`node/${node} drained`);
    const evicted = out.filter((l) => l.endsWith(' evicted')).map((l) => l.replace(/-\w+-\w{5} evicted$/, ''));
    expect(evicted.sort()).toEqual(['pod/coredns', 'pod/coredns', ...(out.some((l) => /^pod\/web-/.test(l)) ? ['pod/web'] : [])].sort());
    expect(r.stderr).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\/aws-node-\w{5}, kube-system\/kube-proxy-\w{5}\n/);
    expect(r.stderr).toContain(
      `-n "kube-system" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`,
    );
    expect(cluster.kubectl(['get', 'node', node, '--no-headers']).stdout.trim().split(/\s+/)[1]).toBe('Ready,SchedulingDisabled');
    const left = field(['pods', '-A', `--field-selector=spec.nodeName=${node}`], '{range .items[*]}{.metadata.name}{"\\n"}{end}').trim().split('\n');
    expect(left.every((p) => p.startsWith('aws-node-') || p.startsWith('kube-proxy-'))).toBe(true);
    await eventually(corednsReady, 90_000);
    expect(ok(['uncordon', node])).toBe(`node/${node} uncordoned\n`);
  });
});
