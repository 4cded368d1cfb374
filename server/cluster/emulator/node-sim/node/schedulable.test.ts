import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../../meta/types.ts';
import { eksCluster } from '../cluster-harness.ts';

type Json = Record<string, any>;

describe('cordon and uncordon', () => {
  it('taints an unschedulable node and reports it as its kubelet does', () => {
    const c = eksCluster();
    c.run(5_000);
    const nodes = c.cluster.registry.lookup('', 'v1', 'nodes')!;
    const name = c.cluster.store.list(nodes.storage)[0]!.metadata.name;
    const node = () => c.cluster.store.get(nodes.storage, undefined, name) as StoredObject & Json;
    c.cluster.api.update(nodes, undefined, name, { ...node(), spec: { ...node().spec, unschedulable: true } });
    c.run(1_000);
    expect(node().spec.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: expect.any(String) }]);
    c.cluster.api.update(nodes, undefined, name, { ...node(), spec: { ...node().spec, unschedulable: false } });
    c.run(1_000);
    expect(node().spec.taints).toBeUndefined();
    const reasons = c.cluster.store
      .list({ group: '', resource: 'events' })
      .filter((e: Json) => e.involvedObject.name === name && e.source.component === 'kubelet')
      .map((e: Json) => `${e.reason}: ${e.message}`);
    expect(reasons).toEqual(expect.arrayContaining([`NodeNotSchedulable: Node ${name} status is now: NodeNotSchedulable`, `NodeSchedulable: Node ${name} status is now: NodeSchedulable`]));
  });
});
