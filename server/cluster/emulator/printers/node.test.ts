import { describe, expect, it } from 'vitest';
import { nodePrinter } from './node.ts';
import { ctx, obj } from './test-fixtures.ts';

const eksLabels = {
  'beta.kubernetes.io/arch': 'amd64',
  'eks.amazonaws.com/nodegroup': 'workers',
  'eks.amazonaws.com/capacityType': 'ON_DEMAND',
  'kubernetes.io/hostname': 'ip-192-168-12-34.us-west-2.compute.internal',
  'node.kubernetes.io/instance-type': 't3.medium',
  'topology.kubernetes.io/zone': 'us-west-2a',
};

function node(name: string, opts: { labels?: Record<string, string>; ready?: string | null; unschedulable?: boolean; info?: Record<string, string>; addresses?: unknown[] } = {}) {
  const conditions = [
    { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory' },
    { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure' },
    ...(opts.ready === null ? [] : [{ type: 'Ready', status: opts.ready ?? 'True', reason: 'KubeletReady' }]),
  ];
  return obj(
    'v1',
    'Node',
    { name, labels: opts.labels ?? eksLabels },
    {
      spec: { providerID: 'aws:///us-west-2a/i-0abc123def4567890', ...(opts.unschedulable ? { unschedulable: true } : {}) },
      status: {
        conditions,
        addresses: opts.addresses ?? [
          { type: 'InternalIP', address: '192.168.12.34' },
          { type: 'ExternalIP', address: '54.189.10.20' },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: opts.info ?? {
          kubeletVersion: 'v1.32.3-eks-473151a',
          osImage: 'Amazon Linux 2023.7.20250512',
          kernelVersion: '6.1.134-152.225.amzn2023.x86_64',
          containerRuntimeVersion: 'containerd://1.7.27',
        },
      },
    },
    '5d',
  );
}

// printers.go nodeColumnDefinitions.
describe('node columns', () => {
  it('match upstream', () => {
    expect(nodePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Status:0',
      'Roles:0',
      'Age:0',
      'Version:0',
      'Internal-IP:1',
      'External-IP:1',
      'OS-Image:1',
      'Kernel-Version:1',
      'Container-Runtime:1',
    ]);
    expect(nodePrinter.columns[1]!.description).toBe('The status of the node');
  });
});

// printers.go printNode, findNodeRoles, getNodeInternalIP/getNodeExternalIP.
describe('node cells', () => {
  it('prints an EKS managed node (no role labels), wide cells included', () => {
    expect(nodePrinter.cells(node('ip-192-168-12-34.us-west-2.compute.internal'), ctx)).toEqual([
      'ip-192-168-12-34.us-west-2.compute.internal',
      'Ready',
      '<none>',
      '5d',
      'v1.32.3-eks-473151a',
      '192.168.12.34',
      '54.189.10.20',
      'Amazon Linux 2023.7.20250512',
      '6.1.134-152.225.amzn2023.x86_64',
      'containerd://1.7.27',
    ]);
  });

  it('appends SchedulingDisabled to a cordoned node', () => {
    expect(nodePrinter.cells(node('n1', { unschedulable: true }), ctx)[1]).toBe('Ready,SchedulingDisabled');
    expect(nodePrinter.cells(node('n1', { ready: null, unschedulable: true }), ctx)[1]).toBe('Unknown,SchedulingDisabled');
  });

  it('prints NotReady when Ready is False or Unknown, and Unknown without a Ready condition', () => {
    expect(nodePrinter.cells(node('n1', { ready: 'False' }), ctx)[1]).toBe('NotReady');
    expect(nodePrinter.cells(node('n1', { ready: 'Unknown' }), ctx)[1]).toBe('NotReady');
    expect(nodePrinter.cells(node('n1', { ready: null }), ctx)[1]).toBe('Unknown');
  });

  it('finds roles in node-role labels and kubernetes.io/role, sorted and de-duplicated', () => {
    const roles = (labels: Record<string, string>) => nodePrinter.cells(node('n1', { labels }), ctx)[2];
    expect(roles({ 'node-role.kubernetes.io/control-plane': '' })).toBe('control-plane');
    expect(roles({ 'node-role.kubernetes.io/worker': 'true', 'kubernetes.io/role': 'worker' })).toBe('worker');
    expect(roles({ 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/': '' })).toBe('control-plane,master');
    expect(roles({ 'kubernetes.io/role': '' })).toBe('<none>');
  });

  it('prints <none> and <unknown> for what a node has not reported', () => {
    const bare = node('fargate-ip-10-0-1-2', { info: {}, addresses: [{ type: 'InternalIP', address: '10.0.1.2' }] });
    expect(nodePrinter.cells(bare, ctx).slice(4)).toEqual(['', '10.0.1.2', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});
