import { createHash } from 'node:crypto';
import type { LogSource } from '../emulator/apiserver/pieces.ts';
import type { ProxyHandler, UpgradeHandler } from '../emulator/apiserver/http/runtime.ts';
import { createExecServices } from '../emulator/exec/handler.ts';
import type { Obj } from '../emulator/exec/container/cluster-reader.ts';
import type { ProcessNetwork } from '../emulator/exec/container/process-network.ts';
import { Registries } from '../emulator/node-sim/kubelet/images/catalogue.ts';
import { bootstrapPolicy, clusterRoleAggregationController } from '../emulator/auth/index.ts';
import {
  bootstrapCluster,
  createBootstrapObjects,
  warmStart,
  WarmStartClock,
  warmStartTimes,
  type ClusterSpec as BootstrapSpec,
  type WarmStartOptions,
} from '../emulator/bootstrap/index.ts';
import { EmulatedCluster } from '../emulator/cluster.ts';
import { workloadControllers } from '../emulator/controllers/index.ts';
import { crdController } from '../emulator/crd/crd-controller.ts';
import { createSchemaProvider } from '../emulator/openapi/index.ts';
import { createManagedFieldsTracker } from '../emulator/patch/apply-tracking.ts';
import { createPatcher } from '../emulator/patch/patcher.ts';
import { createSchemaPatches } from '../emulator/patch/strategic-patches.ts';
import { createLogSource, nodeSimulation, type NodeSimOptions, type NodeSimulation } from '../emulator/node-sim/index.ts';
import type { Snapshot } from '../emulator/storage/object-store.ts';
import { createSchemaCheck } from '../emulator/validation/unknown-fields-check.ts';
import { createStrategies } from '../emulator/strategies/index.ts';
import { createConverter } from '../emulator/conversion/index.ts';
import type { ClusterSpec } from '../backend.ts';

/** A cluster built by the factory, with the pieces of it the platform drives directly. */
export interface BuiltCluster {
  cluster: EmulatedCluster;
  logs: LogSource;
  /** `kubectl exec`, `attach`, `port-forward`, `cp`. */
  upgrade: UpgradeHandler;
  /** The API server's `…/proxy/…` to pods, Services and nodes. */
  proxy: ProxyHandler;
  /** Stop and start simulated nodes (labs on node failure). */
  nodes: Pick<NodeSimulation, 'stopNode' | 'startNode'>;
}

/** What the host stores for a cluster beyond the backend's spec: the simulated AWS account and the seed. */
export interface StoredClusterSpec extends ClusterSpec {
  region: string;
  accountId: string;
  seed: string;
}

export interface ClusterFactory {
  /** A cluster (controllers not started) from its spec, and its stored state when it has some. */
  create(spec: StoredClusterSpec, snapshot?: Snapshot): BuiltCluster;
  /**
   * Writes the objects a new cluster starts with. With warm start (the default) it also starts the controllers
   * and runs the cluster's first minutes at once, so that it is handed over already up and settled.
   */
  bootstrap(built: BuiltCluster, spec: StoredClusterSpec): void;
}

export interface FactoryOptions {
  /** The CA of the clusters' API, published as `kube-root-ca.crt` and in kube-system ConfigMaps. */
  caPem?: string;
  /** New clusters look created this long ago, system pods Running and Ready (default 12 minutes); false: born now. */
  warmStart?: WarmStartOptions | false;
}

/** How the embedded backend builds a cluster: the API's semantics, the control loops and the simulated nodes. */
export function createClusterFactory(opts: FactoryOptions = {}): ClusterFactory {
  // Built once: the schemas of the built-in types are the same for every cluster.
  const provider = createSchemaProvider();
  const schemaCheck = createSchemaCheck(provider);
  const converter = createConverter();
  const bootstrapSpec = (spec: StoredClusterSpec): BootstrapSpec => ({
    name: spec.name,
    region: spec.region,
    accountId: spec.accountId,
    version: spec.version ?? '1.32',
    seed: spec.seed,
    nodeGroups: (spec.nodeGroups ?? defaultNodeGroups).map((ng) => ({ name: ng.name, instanceType: ng.instanceType, desired: ng.desired })),
    ...(opts.caPem ? { caPem: opts.caPem } : {}),
    policy: () => {
      const policy = bootstrapPolicy();
      return [...policy.clusterRoles, ...policy.clusterRoleBindings];
    },
  });
  // New clusters' clocks, until their warm start has run.
  const warmClocks = new WeakMap<EmulatedCluster, WarmStartClock>();
  return {
    create(spec, snapshot) {
      // The controllers' options are derived from the spec alone, so a reloaded cluster runs as it did.
      const { controllers } = bootstrapCluster(bootstrapSpec(spec), { now: 0 });
      // Containers' own wget and curl reach the cluster's network, which exists once the cluster does.
      const network: { run?: ProcessNetwork } = {};
      const nodeSim: NodeSimOptions = { ...controllers.nodeSim, processNetwork: (pod, container, argv) => network.run?.(pod as Obj, container, argv) };
      const nodes = nodeSimulation(nodeSim);
      const warm = !snapshot && opts.warmStart !== false ? new WarmStartClock() : undefined;
      const cluster = new EmulatedCluster({
        ...(snapshot ? { snapshot } : {}),
        ...(warm ? { clock: warm, defer: warm.defer } : {}),
        strategies: createStrategies(),
        converter,
        patcher: createPatcher(createSchemaPatches({ provider })),
        schemaCheck,
        fieldManagers: createManagedFieldsTracker({ provider }),
        // Controllers keep per-cluster state: a fresh set for every cluster.
        controllers: [crdController, clusterRoleAggregationController, ...workloadControllers(controllers.workload), ...nodes],
      });
      const logs = createLogSource(cluster, nodeSim);
      const sim = controllers.nodeSim;
      const { upgrade, proxy, processNetwork } = createExecServices({
        store: cluster.store,
        onMainProcessExit: (namespace, pod, container, code) => nodes.mainProcessExited(namespace, pod, container, code),
        clock: cluster.clock,
        logs,
        region: spec.region,
        images: new Registries({
          accountId: spec.accountId,
          region: spec.region,
          dnsResolver: sim.dnsResolver ?? '192.168.0.2',
          ecr: sim.ecr ?? {},
        }),
      });
      network.run = processNetwork;
      if (warm) warmClocks.set(cluster, warm);
      return { cluster, logs, upgrade, proxy, nodes };
    },
    bootstrap({ cluster }, spec) {
      const warm = warmClocks.get(cluster);
      warmClocks.delete(cluster);
      if (warm) {
        const times = warmStartTimes(cluster.clock.now(), opts.warmStart || {});
        warmStart(cluster, warm, bootstrapCluster(bootstrapSpec(spec), { now: times.born }), times);
        return;
      }
      const { objects } = bootstrapCluster(bootstrapSpec(spec), { now: cluster.clock.now() });
      createBootstrapObjects(cluster.api, cluster.registry, objects);
    },
  };
}

const defaultNodeGroups = [{ name: 'ng-1', instanceType: 't3.medium', desired: 2 }];

/** A stable 12-digit AWS account id for an owner (the simulated EKS gives each learner one). */
export function accountIdFor(owner: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(`account:${owner}`).digest('hex').slice(0, 15)}`) % 10n ** 12n;
  return digits.toString().padStart(12, '1');
}
