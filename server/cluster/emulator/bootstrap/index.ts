/**
 * What a fresh EKS cluster contains, as objects for the cluster assembly to create (in order), and the
 * options of the controllers that bring it alive. Everything is derived from the spec's seed: two calls with
 * one spec give identical objects. `default` ServiceAccounts and `kube-root-ca.crt` ConfigMaps are left to
 * the ServiceAccount controller and the root CA publisher, as on a real cluster.
 */
import type { WorkloadControllerOptions } from '../controllers/index.ts';
import type { KubeObject } from '../meta/types.ts';
import type { NodeSimOptions } from '../node-sim/options.ts';
import { rngFor } from '../node-sim/random.ts';
import { awsNode, coredns, corednsDisruptionBudget, ebsCsiDriver, kubeProxy } from './addons.ts';
import { resolveSpec, type ClusterSpec, type ResolvedSpec } from './cluster-spec.ts';
import { configMaps } from './config-maps.ts';
import { eksCustomResourceDefinitions } from './eks-crds.ts';
import { addressIn, vpcLayout, type VpcLayout } from './network.ts';
import { nodeGroupIds, nodeGroupNodes } from './nodes.ts';
import { serviceAccounts } from './service-accounts.ts';
import { kubeDnsService, kubernetesService } from './services.ts';
import { componentStatuses, csiDrivers, namespaces, priorityClasses, storageClasses } from './system.ts';

export type { ClusterSpec, NodeGroupSpec } from './cluster-spec.ts';
export { buildNode, nodeGroupIds, nodeGroupNodes, preloadedImages } from './nodes.ts';
export { instanceType, knownInstanceTypes, maxPods, nodeResources, reservedMemoryMiB, reservedMilliCpu } from './instance-types.ts';
export { vpcLayout, type VpcLayout } from './network.ts';
export { createBootstrapObjects } from './apply.ts';
export { DEFAULT_WARM_START, warmStart, WarmStartClock, warmStartTimes, type WarmStartOptions, type WarmStartTimes } from './warm-start.ts';

export interface BootstrapResult {
  /** Objects in creation order: namespaces first, nodes before workloads. */
  objects: KubeObject[];
  /** The add-ons' workloads, the last of `objects`: applied after the control plane and the nodes (warm start). */
  addons: KubeObject[];
  /**
   * What to run, as options for the two controller families:
   * `[...workloadControllers(controllers.workload), ...nodeSimulation(controllers.nodeSim)]`, and
   * `createLogSource(cluster, controllers.nodeSim)` for logs.
   */
  controllers: { workload: WorkloadControllerOptions; nodeSim: NodeSimOptions };
  spec: ResolvedSpec;
  layout: VpcLayout;
  /** `https://<id>.gr7.<region>.eks.amazonaws.com` */
  endpoint: string;
  /** The API server's ENIs in the VPC, as the `kubernetes` Endpoints list them. */
  apiServerIps: string[];
  nodeNames: string[];
  /** `arn:aws:iam::<account>:role/…NodeInstanceRole…` per node group. */
  nodeRoleArns: Record<string, string>;
}

export interface BootstrapOptions {
  /** Creation time (ms) stamped into node conditions and the token-tracking date. */
  now?: number;
}

export function bootstrapCluster(input: ClusterSpec, options: BootstrapOptions = {}): BootstrapResult {
  const spec = resolveSpec(input);
  const now = options.now ?? Date.now();
  const rng = rngFor(spec.seed, 'cluster');
  const layout = vpcLayout(spec.region, spec.vpcCidr, rngFor(spec.seed, 'vpc'));
  const usedIps = new Set<string>();
  const privateSubnets = layout.subnets.filter((s) => !s.public);
  const apiServerIps = privateSubnets.slice(0, 2).map((s) => addressIn(s.cidr, rngFor(spec.seed, 'eni', s.id), usedIps));
  const endpoint = `https://${rng.hex(32).toUpperCase()}.${rng.pick(['gr7', 'yl4', 'sk1'])}.${spec.region}.eks.amazonaws.com`;
  const nodes = spec.nodeGroups.flatMap((ng) => nodeGroupNodes({ spec, layout, usedIps, now }, ng));
  const nodeRoleArns = Object.fromEntries(spec.nodeGroups.map((ng) => [ng.name, nodeGroupIds(spec, ng).nodeRoleArn]));
  const caPem = spec.caPem ?? placeholderCa(spec);
  const addons = [awsNode(spec), kubeProxy(spec), coredns(spec), corednsDisruptionBudget(), ...(spec.ebsCsiDriver ? ebsCsiDriver(spec) : [])];

  const objects: KubeObject[] = [
    ...namespaces(),
    ...componentStatuses(),
    ...priorityClasses(),
    ...storageClasses(),
    ...csiDrivers(spec.ebsCsiDriver),
    ...eksCustomResourceDefinitions(),
    ...serviceAccounts(spec.ebsCsiDriver),
    ...configMaps({ endpoint, caPem, nodeRoleArns: Object.values(nodeRoleArns), createdDate: new Date(now).toISOString().slice(0, 10) }),
    ...kubernetesService(apiServerIps),
    kubeDnsService(),
    ...(spec.policy?.() ?? []),
    ...nodes,
    ...addons,
  ];
  return {
    objects,
    addons,
    controllers: {
      workload: { caPem },
      nodeSim: { seed: spec.seed, accountId: spec.accountId, region: spec.region, dnsResolver: layout.dnsResolver },
    },
    spec,
    layout,
    endpoint,
    apiServerIps,
    nodeNames: nodes.map((n) => n.metadata.name!),
    nodeRoleArns,
  };
}

/** A stand-in for the cluster CA when the TLS layer has not given one: a PEM block of the usual size. */
function placeholderCa(spec: ResolvedSpec): string {
  const rng = rngFor(spec.seed, 'ca');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let body = 'MIIDBTCCAe2gAwIBAgII';
  while (body.length < 1064) body += alphabet[rng.int(0, 63)];
  body += '==';
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
