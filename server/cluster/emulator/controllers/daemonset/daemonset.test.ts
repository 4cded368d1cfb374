import { describe, expect, it } from 'vitest';
import { harness, targetNode, type Harness } from '../testing.ts';
import type { ControllerRevision } from '../shared/history.ts';
import type { Pod } from '../shared/types.ts';
import { DaemonSetController } from './controller.ts';
import type { DaemonSet } from './types.ts';

function node(name: string, extra: { labels?: Record<string, string>; taints?: { key: string; value?: string; effect: string }[] } = {}) {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(extra.labels ?? {}) } }, spec: extra.taints ? { taints: extra.taints } : {} };
}

function dsManifest(spec: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent:1' }], ...podSpec } },
      ...spec,
    },
  };
}

function setup(): Harness {
  const h = harness({ controllers: [new DaemonSetController()] });
  h.create('nodes', node('node-a'));
  h.create('nodes', node('node-b'));
  h.create('nodes', node('node-c', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }));
  return h;
}

const ds = (h: Harness) => h.get<DaemonSet>('daemonsets', 'default', 'agent')!;
const placement = (h: Harness) => h.pods('default', (p) => !p.metadata.deletionTimestamp).map((p) => targetNode(p)).sort();

describe('DaemonSet controller', () => {
  it('runs one pod per node whose taints it tolerates, pinned by node affinity with the daemon tolerations', () => {
    const h = setup();
    h.create('daemonsets', dsManifest());
    expect(placement(h)).toEqual(['node-a', 'node-b']);
    const pod = h.pods()[0] as Pod;
    expect(pod.metadata.name).toMatch(/^agent-[a-z0-9]{5}$/);
    expect(pod.spec?.affinity).toEqual({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [targetNode(pod)] }] }] } },
    });
    expect(pod.spec?.tolerations?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    const [rev] = h.list<ControllerRevision>('controllerrevisions', 'default');
    const hash = rev!.metadata.labels!['controller-revision-hash']!;
    expect(rev!.metadata.name).toBe(`agent-${hash}`);
    expect(rev!.revision).toBe(1);
    expect(pod.metadata.labels).toEqual({ app: 'agent', 'controller-revision-hash': hash, 'pod-template-generation': '1' });
    expect(ds(h).status).toEqual({ currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 0, observedGeneration: 1, updatedNumberScheduled: 2, numberUnavailable: 2 });
    h.markAllPodsReady();
    expect(ds(h).status).toEqual({ currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 2, observedGeneration: 1, updatedNumberScheduled: 2, numberAvailable: 2 });
  });

  it('follows tolerations, nodeSelector and new nodes', () => {
    const h = setup();
    h.create('daemonsets', dsManifest({}, { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }));
    expect(placement(h)).toEqual(['node-a', 'node-b', 'node-c']);
    h.create('nodes', node('node-d'));
    expect(placement(h)).toEqual(['node-a', 'node-b', 'node-c', 'node-d']);
    h.update<DaemonSet>('daemonsets', ds(h), (d) => (d.spec!.template!.spec!.nodeSelector = { 'kubernetes.io/hostname': 'node-a' }));
    h.markAllPodsReady();
    h.markAllPodsReady();
    expect(placement(h)).toEqual(['node-a']);
  });

  it('rolls an update one node at a time (maxUnavailable 1) and keeps revisions', () => {
    const h = setup();
    h.create('daemonsets', dsManifest());
    h.markAllPodsReady();
    h.update<DaemonSet>('daemonsets', ds(h), (d) => (d.spec!.template!.spec!.containers![0]!.image = 'agent:2'));
    const images = () => h.pods('default', (p) => !p.metadata.deletionTimestamp).map((p) => `${targetNode(p)}=${p.spec?.containers?.[0]?.image}`).sort();
    expect(images()).toEqual(['node-a=agent:2', 'node-b=agent:1']);
    h.markAllPodsReady();
    expect(images()).toEqual(['node-a=agent:2', 'node-b=agent:2']);
    h.markAllPodsReady();
    const revs = h.list<ControllerRevision>('controllerrevisions', 'default').map((r) => r.revision).sort();
    expect(revs).toEqual([1, 2]);
    expect(ds(h).status).toMatchObject({ updatedNumberScheduled: 2, numberAvailable: 2, observedGeneration: 2 });
  });

  it('replaces a failed daemon pod and says so', () => {
    const h = setup();
    h.create('daemonsets', dsManifest());
    const victim = h.pods()[0] as Pod;
    h.finishPod(victim, 1);
    expect(h.events('default', 'agent')).toContain(`FailedDaemonPod: Found failed daemon pod default/${victim.metadata.name} on node ${targetNode(victim)}, will try to kill it`);
    expect(placement(h)).toEqual(['node-a', 'node-b']);
    expect(h.get('pods', 'default', victim.metadata.name)).toBeUndefined();
  });
});
