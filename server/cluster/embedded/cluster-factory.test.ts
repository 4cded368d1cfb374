import { afterEach, describe, expect, it } from 'vitest';
import type { StoredObject } from '../emulator/meta/types.ts';
import { createClusterFactory, type BuiltCluster, type StoredClusterSpec } from './cluster-factory.ts';

const spec: StoredClusterSpec = { name: 'lab', region: 'us-west-2', accountId: '111122223333', seed: 'c0123456789ab', version: '1.32' };
const MIN = 60_000;
const built: BuiltCluster[] = [];
afterEach(() => {
  for (const b of built.splice(0)) b.cluster.stop();
});

function provision(factory = createClusterFactory()): BuiltCluster {
  const b = factory.create(spec);
  built.push(b);
  factory.bootstrap(b, spec);
  b.cluster.start();
  return b;
}

const ageOf = (o: StoredObject | undefined) => Date.now() - Date.parse(o!.metadata.creationTimestamp);
const nodes = (b: BuiltCluster) => b.cluster.store.list({ group: '', resource: 'nodes' });
const coredns = (b: BuiltCluster) => b.cluster.store.get({ group: 'apps', resource: 'deployments' }, 'kube-system', 'coredns');

describe('cluster factory: warm start', () => {
  it('hands over a new cluster twelve minutes old, its system pods Running and Ready', () => {
    const b = provision();
    for (const node of nodes(b)) expect(ageOf(node) - 12 * MIN).toBeLessThan(10_000);
    expect(ageOf(coredns(b))).toBeGreaterThan(11 * MIN);
    expect((coredns(b)!.status as { readyReplicas?: number }).readyReplicas).toBe(2);
    const pods = b.cluster.store.list({ group: '', resource: 'pods' }, 'kube-system');
    expect(pods).toHaveLength(6);
    for (const p of pods) expect((p.status as { phase: string }).phase).toBe('Running');
    // From then on the cluster runs on real time.
    expect(Math.abs(b.cluster.clock.now() - Date.now())).toBeLessThan(1000);
  });

  it('takes the age from its options, or none', () => {
    expect(ageOf(nodes(provision(createClusterFactory({ warmStart: { ageMs: 30 * MIN } })))[0]) - 30 * MIN).toBeLessThan(10_000);
    const fresh = provision(createClusterFactory({ warmStart: false }));
    expect(ageOf(nodes(fresh)[0])).toBeLessThan(10_000);
    expect((coredns(fresh)!.status as { readyReplicas?: number } | undefined)?.readyReplicas).toBeUndefined();
  });

  it('loads a stored cluster as it was, on real time', () => {
    const factory = createClusterFactory();
    const first = provision(factory);
    first.cluster.stop();
    const snapshot = first.cluster.snapshot();
    const again = factory.create(spec, snapshot);
    built.push(again);
    again.cluster.start();
    expect(again.cluster.clock.now()).toBeGreaterThanOrEqual(Date.now() - 1000);
    expect(JSON.stringify(coredns(again))).toBe(JSON.stringify(coredns(first)));
    expect(nodes(again).map((n) => n.metadata.creationTimestamp)).toEqual(nodes(first).map((n) => n.metadata.creationTimestamp));
  });
});
