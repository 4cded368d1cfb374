import { describe, expect, it } from 'vitest';
import { bootstrapCluster } from '../../bootstrap/index.ts';
import type { KubeObject, StoredObject } from '../../meta/types.ts';
import { RecorderSink } from '../events.ts';
import { Harness, pod } from '../test-harness.ts';
import { Scheduler } from './scheduler.ts';

function setup(desired = 3, instanceType = 't3.medium') {
  const scheduler = new Scheduler({ events: (ctx) => new RecorderSink(ctx), instance: 'default-scheduler-ip-10-0-61-14' });
  const h = new Harness([scheduler]);
  const boot = bootstrapCluster({ name: 'lab', region: 'us-west-2', accountId: '111122223333', nodeGroups: [{ name: 'ng-1', instanceType, desired }] });
  h.createAll(boot.objects.filter((o) => o.kind === 'Namespace' || o.kind === 'Node' || o.kind === 'PriorityClass'));
  h.start();
  return { h, nodes: boot.nodeNames };
}

const scheduled = (h: Harness, name: string) => h.get('Pod', 'default', name)!;
const nodeOf = (p: StoredObject) => (p.spec as { nodeName?: string }).nodeName;
const condition = (p: StoredObject) => (p.status as { conditions?: Record<string, string>[] }).conditions?.find((c) => c.type === 'PodScheduled');
const cpu = (n: string) => ({ containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: n } } }] });

function patchNode(h: Harness, name: string, change: (n: KubeObject) => KubeObject): void {
  const node = h.get('Node', undefined, name)!;
  h.cluster.api.update(h.def('Node'), undefined, name, change(structuredClone(node)));
  h.defer.settle();
}

describe('scheduler', () => {
  it('binds a pod, sets PodScheduled and reports Scheduled', () => {
    const { h, nodes } = setup();
    h.create(pod('web', cpu('100m')));
    const p = scheduled(h, 'web');
    expect(nodes).toContain(nodeOf(p));
    expect(condition(p)).toMatchObject({ type: 'PodScheduled', status: 'True', lastProbeTime: null });
    expect(h.events('web')).toEqual([`Normal Scheduled Successfully assigned default/web to ${nodeOf(p)}`]);
    const ev = h.list('Event', 'default')[0]!;
    expect(ev).toMatchObject({ reportingComponent: 'default-scheduler', action: 'Binding', source: {}, firstTimestamp: null });
  });

  it('reports insufficient cpu with the 1.32 message and no victims to preempt', () => {
    const { h } = setup();
    h.create(pod('big', cpu('3')));
    const p = scheduled(h, 'big');
    const msg =
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    expect(nodeOf(p)).toBeUndefined();
    expect(condition(p)).toMatchObject({ status: 'False', reason: 'Unschedulable', message: msg });
    expect(h.events('big')).toEqual([`Warning FailedScheduling ${msg}`]);
  });

  it('counts limits as requests when only limits are given', () => {
    const { h } = setup(1);
    h.create(pod('limited', { containers: [{ name: 'app', image: 'nginx', resources: { limits: { cpu: '2', memory: '1Gi' } } }] }));
    expect(condition(scheduled(h, 'limited'))?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('names selector and taint failures, which preemption cannot help', () => {
    const { h, nodes } = setup(2);
    patchNode(h, nodes[0]!, (n) => ({ ...n, spec: { ...(n.spec as object), taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } }));
    patchNode(h, nodes[0]!, (n) => ({ ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, accelerator: 'nvidia' } } }));
    h.create(pod('gpu', { nodeSelector: { accelerator: 'nvidia' }, containers: [{ name: 'app', image: 'nginx' }] }));
    expect(condition(scheduled(h, 'gpu'))?.message).toBe(
      "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it('mixes cordoned, tainted and full nodes in one message', () => {
    const { h, nodes } = setup(3);
    patchNode(h, nodes[0]!, (n) => ({ ...n, spec: { ...(n.spec as object), unschedulable: true } }));
    patchNode(h, nodes[1]!, (n) => ({ ...n, spec: { ...(n.spec as object), taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] } }));
    h.create(pod('x', cpu('1900m')));
    h.create(pod('y', cpu('1')));
    expect(condition(scheduled(h, 'y'))?.message).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('honours tolerations (Exists, Equal, empty key) and required node affinity', () => {
    const { h, nodes } = setup(2);
    patchNode(h, nodes[0]!, (n) => ({ ...n, spec: { ...(n.spec as object), taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } }));
    patchNode(h, nodes[1]!, (n) => ({ ...n, spec: { ...(n.spec as object), taints: [{ key: 'team', value: 'a', effect: 'NoSchedule' }] } }));
    h.create(pod('eq', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], containers: [{ name: 'a', image: 'nginx' }] }));
    expect(nodeOf(scheduled(h, 'eq'))).toBe(nodes[0]);
    h.create(pod('all', { tolerations: [{ operator: 'Exists' }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodes[1]] }] }] } } }, containers: [{ name: 'a', image: 'nginx' }] }));
    expect(nodeOf(scheduled(h, 'all'))).toBe(nodes[1]);
    h.create(pod('zone', { tolerations: [{ key: 'team', operator: 'Exists' }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'NotIn', values: [nodes[0]] }] }] } } }, containers: [{ name: 'a', image: 'nginx' }] }));
    expect(nodeOf(scheduled(h, 'zone'))).toBe(nodes[1]);
  });

  it('reports Too many pods when the node is full', () => {
    const { h } = setup(1, 't3.micro');
    for (let i = 0; i < 5; i++) h.create(pod(`p${i}`, { containers: [{ name: 'a', image: 'nginx' }] }));
    expect(condition(scheduled(h, 'p4'))?.message).toBe(
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('spreads the replicas of one owner across nodes', () => {
    const { h, nodes } = setup(3);
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4f8b9c7', uid: 'rs-uid', controller: true };
    for (let i = 0; i < 6; i++) h.create(pod(`web-${i}`, cpu('100m'), { ownerReferences: [owner], labels: { app: 'web' } }));
    const counts = new Map<string, number>();
    for (let i = 0; i < 6; i++) counts.set(nodeOf(scheduled(h, `web-${i}`))!, (counts.get(nodeOf(scheduled(h, `web-${i}`))!) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...nodes].sort());
    expect([...counts.values()]).toEqual([2, 2, 2]);
  });

  it('retries an unschedulable pod when room appears, after its back-off', () => {
    const { h } = setup(1);
    h.create(pod('hog', cpu('1500m')));
    h.create(pod('late', cpu('1')));
    expect(nodeOf(scheduled(h, 'late'))).toBeUndefined();
    h.cluster.api.delete(h.def('Pod'), 'default', 'hog', { gracePeriodSeconds: 0 });
    h.defer.settle();
    h.run(1500);
    expect(nodeOf(scheduled(h, 'late'))).toBeDefined();
    expect(h.events('late')[1]).toMatch(/^Normal Scheduled/);
  });

  it('preempts lower-priority pods for a critical pod', () => {
    const { h, nodes } = setup(1);
    h.create(pod('low', cpu('1500m')));
    h.create(pod('critical', { ...cpu('1'), priorityClassName: 'system-cluster-critical' }));
    const p = scheduled(h, 'critical');
    expect((p.status as { nominatedNodeName?: string }).nominatedNodeName).toBe(nodes[0]);
    expect(condition(p)?.message).toBe('0/1 nodes are available: 1 Insufficient cpu.');
    expect(h.events('low')).toContain(`Normal Preempted Preempted by pod ${p.metadata.uid} on node ${nodes[0]}`);
  });

  it('says so when there are no nodes', () => {
    const h = new Harness([new Scheduler({ events: (ctx) => new RecorderSink(ctx), instance: 'x' })]);
    h.createAll([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }]);
    h.start();
    h.create(pod('lonely', {}));
    expect(h.events('lonely')).toEqual(['Warning FailedScheduling no nodes available to schedule pods']);
  });
});
