/** Test support: a whole emulated EKS cluster (bootstrap objects, workload controllers, node simulation). */
import { bootstrapCluster, createBootstrapObjects, type BootstrapResult, type ClusterSpec } from '../bootstrap/index.ts';
import { EmulatedCluster } from '../cluster.ts';
import { ManualClock } from '../clock.ts';
import { workloadControllers } from '../controllers/index.ts';
import { createStrategies } from '../strategies/index.ts';
import { ManualDefer } from '../controllers/work-queue.ts';
import { createPatcher } from '../patch/patcher.ts';
import { createLogSource, nodeSimulation } from './index.ts';
import { T0 } from './test-harness.ts';

export function eksCluster(spec: Partial<ClusterSpec> = {}) {
  const clock = new ManualClock(T0);
  const defer = new ManualDefer();
  const boot: BootstrapResult = bootstrapCluster(
    { name: 'lab', region: 'us-west-2', accountId: '111122223333', nodeGroups: [{ name: 'ng-1', instanceType: 't3.medium', desired: 3 }], ...spec },
    { now: clock.now() },
  );
  const sim = nodeSimulation(boot.controllers.nodeSim);
  const cluster = new EmulatedCluster({
    clock,
    defer: defer.defer,
    patcher: createPatcher(),
    strategies: createStrategies(),
    ringSize: 100_000,
    controllers: [...workloadControllers(boot.controllers.workload), ...sim],
  });
  createBootstrapObjects(cluster.api, cluster.registry, boot.objects);
  cluster.start();
  defer.settle();
  const run = (ms: number, step = 100) => {
    for (let t = 0; t < ms; t += step) {
      clock.advance(step);
      defer.settle();
    }
  };
  return { clock, defer, boot, sim, cluster, run, logs: createLogSource(cluster, boot.controllers.nodeSim) };
}
