import { describe, expect, it } from 'vitest';
import { Harness } from '../node-sim/test-harness.ts';
import { bootstrapCluster, instanceType, maxPods, nodeResources, reservedMilliCpu } from './index.ts';

const spec = {
  name: 'workshop',
  region: 'us-west-2',
  accountId: '111122223333',
  nodeGroups: [{ name: 'ng-1', instanceType: 't3.medium', desired: 3 }],
};
const NOW = Date.parse('2026-03-02T09:00:00Z');

describe('instance types', () => {
  it('gives t3.medium the allocatable of a real EKS node', () => {
    const r = nodeResources(instanceType('t3.medium'));
    expect(r.allocatable).toEqual({
      cpu: '1930m',
      'ephemeral-storage': '18181869946',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: '3371436Ki',
      pods: '17',
    });
    expect(r.capacity).toMatchObject({ cpu: '2', memory: '3926444Ki', pods: '17', 'ephemeral-storage': '20893676Ki' });
  });

  it('computes max pods from ENIs and the CPU reservation tiers', () => {
    expect(maxPods(instanceType('t3.micro'))).toBe(4);
    expect(maxPods(instanceType('t3.small'))).toBe(11);
    expect(maxPods(instanceType('m5.large'))).toBe(29);
    expect(maxPods(instanceType('t3.xlarge'))).toBe(58);
    expect(reservedMilliCpu(1)).toBe(60);
    expect(reservedMilliCpu(4)).toBe(80);
    expect(reservedMilliCpu(8)).toBe(90);
    // memory: capacity − (255 + 11 × pods) Mi − 100Mi
    const m5 = nodeResources(instanceType('m5.large'));
    expect(parseInt(m5.capacity.memory!) - parseInt(m5.allocatable.memory!)).toBe((255 + 11 * 29 + 100) * 1024);
  });
});

describe('bootstrapCluster', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = bootstrapCluster(spec, { now: NOW });
    const b = bootstrapCluster(spec, { now: NOW });
    expect(JSON.stringify(a.objects)).toBe(JSON.stringify(b.objects));
    const c = bootstrapCluster({ ...spec, seed: 'other' }, { now: NOW });
    expect(c.nodeNames).not.toEqual(a.nodeNames);
  });

  it('ends with the add-ons, which a warm start applies after the control plane and the nodes', () => {
    const { objects, addons } = bootstrapCluster({ ...spec, ebsCsiDriver: true }, { now: NOW });
    expect(objects.slice(-addons.length)).toEqual(addons);
    expect(addons.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'DaemonSet/aws-node',
      'DaemonSet/kube-proxy',
      'Deployment/coredns',
      'PodDisruptionBudget/coredns',
      'Deployment/ebs-csi-controller',
      'DaemonSet/ebs-csi-node',
    ]);
    expect(objects.slice(0, -addons.length).some((o) => ['Deployment', 'DaemonSet'].includes(o.kind))).toBe(false);
  });

  it('creates nodes as a managed node group registers them', () => {
    const { objects, nodeNames, layout } = bootstrapCluster(spec, { now: NOW });
    expect(nodeNames).toHaveLength(3);
    const nodes = objects.filter((o) => o.kind === 'Node');
    const zones = nodes.map((n) => n.metadata.labels!['topology.kubernetes.io/zone']);
    expect(new Set(zones)).toEqual(new Set(['us-west-2a', 'us-west-2b', 'us-west-2c']));
    const node = nodes[0]!;
    expect(node.metadata.name).toMatch(/^ip-192-168-\d+-\d+\.us-west-2\.compute\.internal$/);
    const ip = node.metadata.name!.slice(3).split('.')[0]!.replaceAll('-', '.');
    expect(node.metadata.annotations!['alpha.kubernetes.io/provided-node-ip']).toBe(ip);
    expect(layout.subnets.some((s) => s.public && s.zone === zones[0])).toBe(true);
    expect(node.metadata.labels).toMatchObject({
      'eks.amazonaws.com/nodegroup': 'ng-1',
      'eks.amazonaws.com/capacityType': 'ON_DEMAND',
      'node.kubernetes.io/instance-type': 't3.medium',
      'kubernetes.io/hostname': node.metadata.name,
      'alpha.eksctl.io/cluster-name': 'workshop',
    });
    const spec0 = node.spec as { providerID: string };
    expect(spec0.providerID).toMatch(/^aws:\/\/\/us-west-2[abc]\/i-0[0-9a-f]{16}$/);
    const status = node.status as { nodeInfo: Record<string, string>; addresses: { type: string }[]; conditions: { type: string; reason: string }[] };
    expect(status.nodeInfo.kubeletVersion).toMatch(/^v1\.32\.\d+-eks-[0-9a-f]{7}$/);
    expect(status.nodeInfo.osImage).toMatch(/^Amazon Linux 2023\./);
    expect(status.addresses.map((a) => a.type)).toEqual(['InternalIP', 'ExternalIP', 'InternalDNS', 'ExternalDNS', 'Hostname']);
    expect(status.conditions.find((c) => c.type === 'Ready')!.reason).toBe('KubeletReady');
  });

  it('includes the objects of a fresh EKS 1.32 cluster', () => {
    const { objects, nodeRoleArns } = bootstrapCluster(spec, { now: NOW });
    const names = objects.map((o) => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);
    for (const n of [
      'Namespace/kube-node-lease',
      'Service/default/kubernetes',
      'Endpoints/default/kubernetes',
      'EndpointSlice/default/kubernetes',
      'Service/kube-system/kube-dns',
      'Deployment/kube-system/coredns',
      'PodDisruptionBudget/kube-system/coredns',
      'ComponentStatus/etcd-0',
      'DaemonSet/kube-system/aws-node',
      'DaemonSet/kube-system/kube-proxy',
      'ConfigMap/kube-system/aws-auth',
      'ConfigMap/kube-system/coredns',
      'ConfigMap/kube-system/kube-proxy-config',
      'ConfigMap/kube-system/amazon-vpc-cni',
      'PriorityClass/system-node-critical',
      'StorageClass/gp2',
      'CSIDriver/efs.csi.aws.com',
      'ServiceAccount/kube-system/coredns',
      'CustomResourceDefinition/eniconfigs.crd.k8s.amazonaws.com',
      'CustomResourceDefinition/policyendpoints.networking.k8s.aws',
      'CustomResourceDefinition/securitygrouppolicies.vpcresources.k8s.aws',
      'CustomResourceDefinition/cninodes.vpcresources.k8s.aws',
    ]) {
      expect(names).toContain(n);
    }
    const gp2 = objects.find((o) => o.kind === 'StorageClass')!;
    expect(gp2.metadata.annotations?.['storageclass.kubernetes.io/is-default-class']).toBeUndefined();
    expect(gp2.volumeBindingMode).toBe('WaitForFirstConsumer');
    const auth = objects.find((o) => o.metadata.name === 'aws-auth')!;
    expect((auth.data as { mapRoles: string }).mapRoles).toContain(`rolearn: ${nodeRoleArns['ng-1']}`);
    expect(nodeRoleArns['ng-1']).toMatch(/^arn:aws:iam::111122223333:role\/eksctl-workshop-nodegroup-ng-1-NodeInstanceRole-[A-Z]{12}$/);
    const dns = objects.find((o) => o.metadata.name === 'kube-dns')!;
    expect((dns.spec as { clusterIP: string }).clusterIP).toBe('10.100.0.10');
    const sgp = objects.find((o) => o.metadata.name === 'securitygrouppolicies.vpcresources.k8s.aws')!;
    expect(sgp.spec).toMatchObject({ scope: 'Namespaced', names: { kind: 'SecurityGroupPolicy', plural: 'securitygrouppolicies', shortNames: ['sgp'] } });
    const coredns = objects.find((o) => o.kind === 'Deployment')!;
    expect(JSON.stringify(coredns)).toContain('602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.11.4-eksbuild.');
  });

  it('leaves a hook for the RBAC bootstrap policy', () => {
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'cluster-admin' } };
    const { objects } = bootstrapCluster({ ...spec, policy: () => [role] }, { now: NOW });
    expect(objects).toContainEqual(role);
  });

  it('creates through the API of an emulated cluster', () => {
    const h = new Harness();
    h.createAll(bootstrapCluster(spec, { now: NOW }).objects);
    expect(h.list('Node')).toHaveLength(3);
    expect(h.list('DaemonSet', 'kube-system').map((d) => d.metadata.name)).toEqual(['aws-node', 'kube-proxy']);
  });
});
