/** Test support: an emulated EKS cluster (bootstrap objects minus the add-on workloads) with the node simulation running. */
import { bootstrapCluster, type ClusterSpec } from '../bootstrap/index.ts';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import { createLogSource, nodeSimulation, type NodeSimOptions, type NodeSimulation } from './index.ts';
import { Harness } from './test-harness.ts';

export interface SimHarness {
  h: Harness;
  sim: NodeSimulation;
  nodes: string[];
  logs: ReturnType<typeof createLogSource>;
  pod(name: string, namespace?: string): StoredObject;
  status(name: string): Record<string, unknown> & { phase?: string; containerStatuses?: Record<string, unknown>[]; conditions?: Record<string, unknown>[] };
}

export function simulate(spec: Partial<ClusterSpec> = {}, options: NodeSimOptions = {}): SimHarness {
  const o = { seed: 'test', accountId: '111122223333', ...options };
  const sim = nodeSimulation(o);
  const h = new Harness(sim);
  const boot = bootstrapCluster(
    { name: 'lab', region: 'us-west-2', accountId: '111122223333', nodeGroups: [{ name: 'ng-1', instanceType: 't3.medium', desired: 1 }], ...spec },
    { now: h.clock.now() },
  );
  const skip = new Set(['Deployment', 'DaemonSet']);
  h.createAll(boot.objects.filter((x: KubeObject) => !skip.has(x.kind)));
  h.start();
  const logs = createLogSource(h.cluster, o);
  return {
    h,
    sim,
    nodes: boot.nodeNames,
    logs,
    pod: (name, namespace = 'default') => h.get('Pod', namespace, name)!,
    status: (name) => (h.get('Pod', 'default', name)?.status ?? {}) as ReturnType<SimHarness['status']>,
  };
}
