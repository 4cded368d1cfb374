import { describe, expect, it } from 'vitest';
import { EmulatedCluster } from '../cluster.ts';
import { ManualClock, type Clock } from '../clock.ts';
import { workloadControllers } from '../controllers/index.ts';
import type { Defer } from '../controllers/types.ts';
import { ManualDefer } from '../controllers/work-queue.ts';
import { formatTime } from '../meta/time.ts';
import type { StoredObject } from '../meta/types.ts';
import { nodeSimulation } from '../node-sim/index.ts';
import { createPatcher } from '../patch/patcher.ts';
import type { Snapshot } from '../storage/object-store.ts';
import { createStrategies } from '../strategies/index.ts';
import { bootstrapCluster, type ClusterSpec } from './index.ts';
import { DEFAULT_WARM_START, warmStart, WarmStartClock, warmStartTimes, type WarmStartOptions } from './warm-start.ts';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;
const spec: ClusterSpec = { name: 'lab', region: 'us-west-2', accountId: '111122223333', nodeGroups: [{ name: 'ng-1', instanceType: 't3.medium', desired: 2 }] };

type Json = Record<string, any>;
const at = (t: unknown) => Date.parse(String(t));

/** The cluster as the platform assembles it, on the given clock (controllers not started). */
function assemble(clock: Clock, defer: Defer, snapshot?: Snapshot): EmulatedCluster {
  const { controllers } = bootstrapCluster(spec, { now: 0 });
  return new EmulatedCluster({
    clock,
    defer,
    ...(snapshot ? { snapshot } : {}),
    patcher: createPatcher(),
    strategies: createStrategies(),
    ringSize: 100_000,
    controllers: [...workloadControllers(controllers.workload), ...nodeSimulation(controllers.nodeSim)],
  });
}

/** A cluster warm-started at NOW; "real" time is then a manual clock the test moves. */
function warmCluster(options: WarmStartOptions = {}) {
  const real = new ManualClock(NOW);
  const defer = new ManualDefer();
  const clock = new WarmStartClock(real, defer.defer);
  const cluster = assemble(clock, clock.defer);
  const times = warmStartTimes(real.now(), options);
  warmStart(cluster, clock, bootstrapCluster(spec, { now: times.born }), times);
  return running(cluster, real, defer, times);
}

function running(cluster: EmulatedCluster, real: ManualClock, defer: ManualDefer, times = warmStartTimes(NOW)) {
  const list = (resource: string, group = '', namespace?: string) => cluster.store.list({ group, resource }, namespace);
  return {
    cluster,
    real,
    defer,
    times,
    list,
    get: (resource: string, group: string, namespace: string | undefined, name: string) => cluster.store.get({ group, resource }, namespace, name),
    systemPods: () => list('pods', '', 'kube-system'),
    /** Lets real time pass in steps, running deferred work after each, as the event loop would. */
    run(ms: number, step = 100) {
      defer.settle();
      for (let t = 0; t < ms; t += step) {
        real.advance(step);
        defer.settle();
      }
    },
  };
}

const status = (o: StoredObject | undefined) => (o?.status ?? {}) as Json;

describe('WarmStartClock', () => {
  it('fires timers in order of due time, running deferred work after each, until the target', () => {
    const real = new ManualClock(NOW);
    const clock = new WarmStartClock(real, () => {
      throw new Error('not while warming');
    });
    const seen: string[] = [];
    clock.begin(NOW - 10_000);
    clock.setTimeout(() => seen.push(`b@${clock.now() - NOW}`), 5_000);
    clock.setTimeout(() => {
      seen.push(`a@${clock.now() - NOW}`);
      clock.defer(() => seen.push('deferred'));
      clock.setTimeout(() => seen.push(`c@${clock.now() - NOW}`), 1_000);
    }, 2_000);
    clock.setTimeout(() => seen.push('late'), 20_000);
    clock.runUntil(NOW - 3_000);
    expect(seen).toEqual(['a@-8000', 'deferred', 'c@-7000', 'b@-5000']);
    expect(clock.now()).toBe(NOW - 3_000);
  });

  it('hands pending timers to real time with what is left of their delay, and can still cancel them', () => {
    const real = new ManualClock(NOW);
    const deferred: (() => void)[] = [];
    const clock = new WarmStartClock(real, (fn) => deferred.push(fn));
    const seen: string[] = [];
    clock.begin(NOW - 60_000);
    clock.setTimeout(() => seen.push(`x@${clock.now() - NOW}`), 70_000);
    const cancel = clock.setTimeout(() => seen.push('cancelled'), 80_000);
    clock.finish();
    expect(clock.warming).toBe(false);
    expect(clock.now()).toBe(NOW);
    cancel();
    clock.defer(() => seen.push('immediate'));
    expect(deferred).toHaveLength(1);
    real.advance(9_999);
    expect(seen).toEqual([]);
    real.advance(1);
    expect(seen).toEqual(['x@10000']);
    real.advance(60_000);
    expect(seen).toEqual(['x@10000']);
    clock.setTimeout(() => seen.push('real'), 5);
    real.advance(5);
    expect(seen).toEqual(['x@10000', 'real']);
  });

  it('gives up the warm-up when bootstrapping fails, and runs on real time', () => {
    const real = new ManualClock(NOW);
    const defer = new ManualDefer();
    const clock = new WarmStartClock(real, defer.defer);
    const cluster = assemble(clock, clock.defer);
    const bogus = { apiVersion: 'example.com/v1', kind: 'Nothing', metadata: { name: 'x' } };
    expect(() => warmStart(cluster, clock, { objects: [bogus], addons: [] }, warmStartTimes(NOW))).toThrow('does not serve example.com/v1 Nothing');
    expect(clock.warming).toBe(false);
    expect(clock.now()).toBe(NOW);
  });

  it('places the cluster and its add-ons in the past', () => {
    expect(DEFAULT_WARM_START).toEqual({ ageMs: 12 * MIN, addonsAfterMs: 40_000 });
    expect(warmStartTimes(NOW)).toEqual({ born: NOW - 12 * MIN, addonsAt: NOW - 12 * MIN + 40_000 });
    expect(warmStartTimes(NOW, { ageMs: 30 * MIN, addonsAfterMs: 2 * MIN })).toEqual({ born: NOW - 30 * MIN, addonsAt: NOW - 28 * MIN });
    // Add-ons never come later than now.
    expect(warmStartTimes(NOW, { ageMs: 10_000 })).toEqual({ born: NOW - 10_000, addonsAt: NOW });
  });
});

describe('a warm-started cluster', () => {
  it('looks created twelve minutes ago: control plane and nodes first, add-ons a little later', () => {
    const c = warmCluster();
    const { born, addonsAt } = c.times;
    expect(born).toBe(NOW - 12 * MIN);
    for (const [resource, group, name] of [
      ['namespaces', '', 'kube-system'],
      ['services', '', 'kube-dns'],
      ['configmaps', '', 'aws-auth'],
      ['nodes', '', undefined],
      ['customresourcedefinitions', 'apiextensions.k8s.io', 'eniconfigs.crd.k8s.amazonaws.com'],
    ] as const) {
      const objects = c.list(resource, group).filter((o) => !name || o.metadata.name === name);
      expect(objects.length, resource).toBeGreaterThan(0);
      for (const o of objects) expect(o.metadata.creationTimestamp, `${resource}/${o.metadata.name}`).toBe(formatTime(born));
    }
    for (const o of [...c.list('deployments', 'apps', 'kube-system'), ...c.list('daemonsets', 'apps', 'kube-system'), ...c.list('poddisruptionbudgets', 'policy')]) {
      expect(o.metadata.creationTimestamp, o.metadata.name).toBe(formatTime(addonsAt));
    }
    // The token-tracking date and the nodes' first conditions carry the creation time too.
    const node = c.list('nodes')[0]!;
    expect(status(node).conditions.find((x: Json) => x.type === 'Ready').lastTransitionTime).toBe(formatTime(born));
    // Nothing is stamped in the future.
    for (const { object } of c.cluster.store.entries()) expect(at(object.metadata.creationTimestamp)).toBeLessThanOrEqual(NOW);
  });

  it('has its system pods Running and Ready, started minutes ago', () => {
    const c = warmCluster();
    const pods = c.systemPods();
    expect(pods.map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, '').replace(/-[a-z0-9]{8,10}$/, '')).sort()).toEqual([
      'aws-node',
      'aws-node',
      'coredns',
      'coredns',
      'kube-proxy',
      'kube-proxy',
    ]);
    const settled = c.times.addonsAt + MIN;
    for (const pod of pods) {
      const s = status(pod);
      expect(s.phase, pod.metadata.name).toBe('Running');
      expect(at(pod.metadata.creationTimestamp)).toBeGreaterThanOrEqual(c.times.addonsAt);
      expect(at(s.startTime)).toBeLessThan(settled);
      for (const cond of s.conditions) {
        expect(cond.status, `${pod.metadata.name} ${cond.type}`).toBe('True');
        expect(at(cond.lastTransitionTime)).toBeLessThan(settled);
      }
      for (const cs of s.containerStatuses) {
        expect([cs.ready, cs.started, cs.restartCount]).toEqual([true, true, 0]);
        expect(at(cs.state.running.startedAt)).toBeLessThan(settled);
      }
      for (const cs of s.initContainerStatuses ?? []) expect(cs.state.terminated.reason).toBe('Completed');
    }
  });

  it('has settled workload status with times from its start-up', () => {
    const c = warmCluster();
    const settled = c.times.addonsAt + MIN;
    const coredns = status(c.get('deployments', 'apps', 'kube-system', 'coredns'));
    expect(coredns).toMatchObject({ observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
    expect(coredns.conditions.map((x: Json) => `${x.type}=${x.status}/${x.reason}`)).toEqual(['Available=True/MinimumReplicasAvailable', 'Progressing=True/NewReplicaSetAvailable']);
    for (const cond of coredns.conditions) {
      expect(at(cond.lastTransitionTime)).toBeGreaterThanOrEqual(c.times.addonsAt);
      expect(at(cond.lastUpdateTime)).toBeLessThan(settled);
    }
    const [rs] = c.list('replicasets', 'apps', 'kube-system');
    expect(status(rs)).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    for (const ds of c.list('daemonsets', 'apps', 'kube-system')) {
      expect(status(ds)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, observedGeneration: 1 });
    }
    const pdb = status(c.get('poddisruptionbudgets', 'policy', 'kube-system', 'coredns'));
    expect(pdb).toMatchObject({ currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1 });
  });

  it('has leases and heartbeats of nodes that have been up for a while', () => {
    const c = warmCluster();
    const nodes = c.list('nodes');
    expect(nodes).toHaveLength(2);
    for (const node of nodes) {
      const lease = c.get('leases', 'coordination.k8s.io', 'kube-node-lease', node.metadata.name)!;
      expect(lease.metadata.creationTimestamp).toBe(formatTime(c.times.born));
      const renewed = at((lease.spec as Json).renewTime);
      expect(NOW - renewed).toBeLessThan(40_000);
      const ready = status(node).conditions.find((x: Json) => x.type === 'Ready');
      expect(ready.status).toBe('True');
      expect(NOW - at(ready.lastHeartbeatTime)).toBeLessThanOrEqual(5 * MIN);
      expect(at(ready.lastHeartbeatTime)).toBeGreaterThan(c.times.born);
    }
  });

  it('keeps the events of its start-up, with the times they happened', () => {
    const c = warmCluster();
    const events = c.list('events');
    const reasons = (kind: string, name: string) => events.filter((e) => (e as Json).involvedObject.kind === kind && (e as Json).involvedObject.name === name).map((e) => (e as Json).reason);
    for (const node of c.list('nodes')) expect(reasons('Node', node.metadata.name)).toEqual(expect.arrayContaining(['Starting', 'RegisteredNode', 'NodeReady']));
    for (const pod of c.systemPods()) expect(reasons('Pod', pod.metadata.name)).toEqual(expect.arrayContaining(['Scheduled', 'Created', 'Started']));
    expect(reasons('Deployment', 'coredns')).toEqual(['ScalingReplicaSet']);
    for (const e of events) {
      const t = at((e as Json).lastTimestamp ?? (e as Json).eventTime);
      expect(t).toBeGreaterThanOrEqual(c.times.born);
      expect(t).toBeLessThan(c.times.addonsAt + MIN);
      if ((e as Json).involvedObject.namespace === 'kube-system') expect(t).toBeGreaterThanOrEqual(c.times.addonsAt);
    }
  });

  it('runs what is created afterwards in real time, through every stage', () => {
    const c = warmCluster();
    const def = c.cluster.registry.lookup('apps', 'v1', 'deployments')!;
    c.cluster.api.create(def, 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      // A client cannot back-date what it creates.
      metadata: { name: 'web', creationTimestamp: '2020-01-01T00:00:00Z' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    });
    c.defer.settle();
    expect(c.get('deployments', 'apps', 'default', 'web')!.metadata.creationTimestamp).toBe(formatTime(NOW));
    const [pod] = c.list('pods', '', 'default');
    expect(pod!.metadata.creationTimestamp).toBe(formatTime(NOW));
    c.run(300);
    const creating = status(c.list('pods', '', 'default')[0]);
    expect(creating.phase).toBe('Pending');
    expect(creating.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    c.run(30_000);
    const runningPod = status(c.list('pods', '', 'default')[0]);
    expect(runningPod.phase).toBe('Running');
    expect(at(runningPod.containerStatuses[0].state.running.startedAt)).toBeGreaterThan(NOW);
    expect(at(runningPod.startTime)).toBeGreaterThanOrEqual(NOW);
    const events = c.list('events', '', 'default').filter((e) => (e as Json).involvedObject.kind === 'Pod');
    for (const e of events) expect(at((e as Json).lastTimestamp ?? (e as Json).eventTime)).toBeGreaterThanOrEqual(NOW);
  });

  it('is left alone by its controllers and kubelets as time goes on', () => {
    const c = warmCluster();
    const snapshot = (resource: string, group = '') => JSON.stringify(c.list(resource, group, 'kube-system').map((o) => [o.metadata.resourceVersion, o.status]));
    const before = { pods: snapshot('pods'), deployments: snapshot('deployments', 'apps'), daemonsets: snapshot('daemonsets', 'apps'), replicasets: snapshot('replicasets', 'apps') };
    const events = c.list('events').length;
    c.run(3 * MIN, 1000);
    expect({ pods: snapshot('pods'), deployments: snapshot('deployments', 'apps'), daemonsets: snapshot('daemonsets', 'apps'), replicasets: snapshot('replicasets', 'apps') }).toEqual(before);
    expect(c.list('events')).toHaveLength(events);
  });

  it('comes back from its snapshot unchanged: kubelets adopt running pods without starting them again', () => {
    const first = warmCluster();
    first.cluster.stop();
    const snap: Snapshot = JSON.parse(JSON.stringify(first.cluster.snapshot()));
    const before = new Map(snap.objects.map(({ key, object }) => [`${key.group}/${key.resource}/${object.metadata.namespace ?? ''}/${object.metadata.name}`, object]));

    const real = new ManualClock(NOW + 5_000);
    const defer = new ManualDefer();
    const c = running(assemble(real, defer.defer, snap), real, defer);
    c.cluster.start();
    c.run(2 * MIN, 1000);
    const changed: string[] = [];
    for (const { key, object } of c.cluster.store.entries()) {
      const id = `${key.group}/${key.resource}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
      if (JSON.stringify(before.get(id)) !== JSON.stringify(object)) changed.push(id);
    }
    // Only the node leases are renewed.
    expect(changed.sort()).toEqual(c.list('nodes').map((n) => `coordination.k8s.io/leases/kube-node-lease/${n.metadata.name}`).sort());
    expect(c.list('events')).toHaveLength(first.list('events').length);
  });

  it('with age zero is a cluster born now', () => {
    const c = warmCluster({ ageMs: 0 });
    expect(c.list('nodes')[0]!.metadata.creationTimestamp).toBe(formatTime(NOW));
    expect(c.list('deployments', 'apps', 'kube-system')[0]!.metadata.creationTimestamp).toBe(formatTime(NOW));
    expect(status(c.get('deployments', 'apps', 'kube-system', 'coredns')).readyReplicas).toBeUndefined();
    c.run(30_000);
    expect(status(c.get('deployments', 'apps', 'kube-system', 'coredns')).readyReplicas).toBe(2);
  });
});
