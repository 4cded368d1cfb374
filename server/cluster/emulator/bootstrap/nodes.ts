/** Node objects as an EKS managed node group registers them: names, labels, addresses, capacity and node info. */
import { formatTime } from '../meta/time.ts';
import type { KubeObject } from '../meta/types.ts';
import { Registries } from '../node-sim/kubelet/images/catalogue.ts';
import { nodeImage, type NodeImage } from '../node-sim/kubelet/images/node-images.ts';
import { rngFor, uuidFrom } from '../node-sim/random.ts';
import type { NodeGroupSpec, ResolvedSpec } from './cluster-spec.ts';
import { instanceType, nodeResources } from './instance-types.ts';
import { addressIn, privateDnsName, publicAddress, publicDnsName, type VpcLayout } from './network.ts';
import { eksVersion, imageOf } from './versions.ts';

/** Identifiers shared by every node of a node group. */
export interface NodeGroupIds {
  amiId: string;
  launchTemplateId: string;
  nodeRoleArn: string;
}

export function nodeGroupIds(spec: ResolvedSpec, ng: NodeGroupSpec): NodeGroupIds {
  const rng = rngFor(spec.seed, 'nodegroup', ng.name);
  const suffix = rng.hex(12).toUpperCase().replace(/[0-9]/g, (d) => 'ABCDEFGHIJ'[Number(d)]!);
  const roleName =
    spec.createdBy === 'eksctl' ? `eksctl-${spec.name}-nodegroup-${ng.name}-NodeInstanceRole-${suffix.slice(0, 12)}` : `${spec.name}-${ng.name}-NodeInstanceRole`;
  return {
    amiId: `ami-0${rngFor(spec.seed, 'ami', spec.version).hex(16)}`,
    launchTemplateId: `lt-0${rng.hex(16)}`,
    nodeRoleArn: `arn:aws:iam::${spec.accountId}:role/${roleName}`,
  };
}

/** The images an EKS AMI has cached before any pod runs. */
export function preloadedImages(spec: ResolvedSpec): NodeImage[] {
  const v = eksVersion(spec.version).addons;
  const registries = new Registries({ accountId: spec.accountId, region: spec.region, dnsResolver: '', ecr: {} });
  const images: NodeImage[] = [];
  for (const ref of [v.vpcCniInit, v.vpcCni, v.kubeProxy, v.networkPolicyAgent, v.pause]) {
    const pulled = registries.pull(imageOf(spec.region, ref));
    if (pulled.ok) images.push(nodeImage(pulled.image));
  }
  return images.sort((a, b) => b.sizeBytes - a.sizeBytes);
}

const sortKeys = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1)));

export interface NodeBuildContext {
  spec: ResolvedSpec;
  layout: VpcLayout;
  /** Addresses already taken in the VPC (nodes, control-plane ENIs). */
  usedIps: Set<string>;
  now: number;
}

/** The nodes of one node group; node `i` goes to zone `i mod zones`, as the ASG balances them. */
export function nodeGroupNodes(ctx: NodeBuildContext, ng: NodeGroupSpec, firstIndex = 0): KubeObject[] {
  const nodes: KubeObject[] = [];
  for (let i = firstIndex; i < firstIndex + ng.desired; i++) nodes.push(buildNode(ctx, ng, i));
  return nodes;
}

export function buildNode(ctx: NodeBuildContext, ng: NodeGroupSpec, index: number): KubeObject {
  const { spec, layout } = ctx;
  const rng = rngFor(spec.seed, 'node', ng.name, index);
  const type = instanceType(ng.instanceType);
  const zone = layout.zones[index % layout.zones.length]!;
  const subnet = layout.subnets.find((s) => s.zone === zone && s.public === !ng.privateNetworking)!;
  const ip = addressIn(subnet.cidr, rng, ctx.usedIps);
  const name = privateDnsName(ip, spec.region);
  const publicIp = subnet.public ? publicAddress(rng) : undefined;
  const instanceId = `i-0${rng.hex(16)}`;
  const ids = nodeGroupIds(spec, ng);
  const v = eksVersion(spec.version).node;
  const time = formatTime(ctx.now);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': type.arch,
    'beta.kubernetes.io/instance-type': type.name,
    'beta.kubernetes.io/os': 'linux',
    'eks.amazonaws.com/capacityType': ng.capacityType ?? 'ON_DEMAND',
    'eks.amazonaws.com/nodegroup': ng.name,
    'eks.amazonaws.com/nodegroup-image': ids.amiId,
    'failure-domain.beta.kubernetes.io/region': spec.region,
    'failure-domain.beta.kubernetes.io/zone': zone,
    'k8s.io/cloud-provider-aws': rngFor(spec.seed, 'cloud-provider-aws').hex(32),
    'kubernetes.io/arch': type.arch,
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': type.name,
    'topology.k8s.aws/zone-id': subnet.zoneId,
    'topology.kubernetes.io/region': spec.region,
    'topology.kubernetes.io/zone': zone,
    ...(spec.createdBy === 'eksctl'
      ? {
          'alpha.eksctl.io/cluster-name': spec.name,
          'alpha.eksctl.io/nodegroup-name': ng.name,
          'eks.amazonaws.com/sourceLaunchTemplateId': ids.launchTemplateId,
          'eks.amazonaws.com/sourceLaunchTemplateVersion': '1',
        }
      : {}),
    ...(ng.labels ?? {}),
  };
  const resources = nodeResources(type, ng.diskSize ?? 20);
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: time,
    lastTransitionTime: time,
    reason,
    message,
  });
  const machineId = `ec2${rngFor(spec.seed, 'machine-id', instanceId).hex(29)}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: sortKeys(labels),
      annotations: {
        'alpha.kubernetes.io/provided-node-ip': ip,
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      providerID: `aws:///${zone}/${instanceId}`,
      ...(ng.taints?.length ? { taints: ng.taints.map((t) => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect })) } : {}),
    },
    status: {
      addresses: [
        { address: ip, type: 'InternalIP' },
        ...(publicIp ? [{ address: publicIp, type: 'ExternalIP' }] : []),
        { address: name, type: 'InternalDNS' },
        ...(publicIp ? [{ address: publicDnsName(publicIp, spec.region), type: 'ExternalDNS' }] : []),
        { address: name, type: 'Hostname' },
      ],
      allocatable: resources.allocatable,
      capacity: resources.capacity,
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: preloadedImages(spec),
      nodeInfo: {
        architecture: type.arch,
        bootID: uuidFrom(rngFor(spec.seed, 'boot', instanceId)),
        containerRuntimeVersion: v.containerRuntimeVersion,
        kernelVersion: v.kernelVersion,
        kubeProxyVersion: v.kubeletVersion,
        kubeletVersion: v.kubeletVersion,
        machineID: machineId,
        operatingSystem: 'linux',
        osImage: v.osImage,
        systemUUID: `ec2${uuidFrom(rngFor(spec.seed, 'uuid', instanceId)).slice(3)}`,
      },
    },
  };
}
