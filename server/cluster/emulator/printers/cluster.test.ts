import { describe, expect, it } from 'vitest';
import {
  apiServicePrinter,
  componentStatusPrinter,
  leasePrinter,
  namespacePrinter,
  podDisruptionBudgetPrinter,
  priorityClassPrinter,
  resourceQuotaPrinter,
} from './cluster.ts';
import { ago, ctx, obj } from './test-fixtures.ts';

// printers.go printNamespace.
describe('namespace', () => {
  it('prints the phase', () => {
    expect(namespacePrinter.cells(obj('v1', 'Namespace', { name: 'kube-system' }, { status: { phase: 'Active' } }, '5d'), ctx)).toEqual(['kube-system', 'Active', '5d']);
    const deleting = obj('v1', 'Namespace', { name: 'team-a', deletionTimestamp: ago('5s') }, { status: { phase: 'Terminating' } });
    expect(namespacePrinter.cells(deleting, ctx)[1]).toBe('Terminating');
  });
});

// printers.go printResourceQuota.
describe('resource quota', () => {
  it('splits limits.* into LIMIT and the rest into REQUEST, sorted, in canonical quantities', () => {
    const rq = obj('v1', 'ResourceQuota', { name: 'compute', namespace: 'team-a' }, {
      spec: { hard: {} },
      status: {
        hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.cpu': '8', 'limits.memory': '16Gi', pods: '20', 'count/deployments.apps': '10' },
        used: { 'requests.cpu': '1500m', 'requests.memory': '2048Mi', 'limits.cpu': '3', pods: '5', 'count/deployments.apps': '2' },
      },
    }, '3h');
    expect(resourceQuotaPrinter.cells(rq, ctx)).toEqual([
      'compute',
      'count/deployments.apps: 2/10, pods: 5/20, requests.cpu: 1500m/4, requests.memory: 2Gi/8Gi',
      'limits.cpu: 3/8, limits.memory: 0/16Gi',
      '3h',
    ]);
    expect(resourceQuotaPrinter.cells(obj('v1', 'ResourceQuota', { name: 'new' }), ctx).slice(1, 3)).toEqual(['', '']);
  });
});

// printers.go printComponentStatus.
describe('component status', () => {
  it('prints Healthy, Unhealthy or Unknown, with message and error', () => {
    const cs = (conditions: unknown[]) => obj('v1', 'ComponentStatus', { name: 'etcd-0' }, { conditions });
    expect(componentStatusPrinter.cells(cs([{ type: 'Healthy', status: 'True', message: 'ok' }]), ctx)).toEqual(['etcd-0', 'Healthy', 'ok', '']);
    expect(componentStatusPrinter.cells(cs([{ type: 'Healthy', status: 'False', error: 'dial tcp 127.0.0.1:2379: connect: connection refused' }]), ctx)).toEqual([
      'etcd-0',
      'Unhealthy',
      '',
      'dial tcp 127.0.0.1:2379: connect: connection refused',
    ]);
    expect(componentStatusPrinter.cells(cs([]), ctx)).toEqual(['etcd-0', 'Unknown', '', '']);
  });
});

// printers.go printLease, printPriorityClass, printPodDisruptionBudget.
describe('lease, priority class, pod disruption budget', () => {
  it('prints the lease holder', () => {
    const nodeLease = obj('coordination.k8s.io/v1', 'Lease', { name: 'ip-192-168-12-34.us-west-2.compute.internal', namespace: 'kube-node-lease' }, {
      spec: { holderIdentity: 'ip-192-168-12-34.us-west-2.compute.internal', leaseDurationSeconds: 40, renewTime: '2025-06-01T11:59:58.512340Z' },
    }, '5d');
    expect(leasePrinter.cells(nodeLease, ctx)).toEqual(['ip-192-168-12-34.us-west-2.compute.internal', 'ip-192-168-12-34.us-west-2.compute.internal', '5d']);
    expect(leasePrinter.cells(obj('coordination.k8s.io/v1', 'Lease', { name: 'free' }, { spec: {} }), ctx)[1]).toBe('');
  });

  it('prints the priority class value, global default and preemption policy', () => {
    const pc = obj('scheduling.k8s.io/v1', 'PriorityClass', { name: 'system-cluster-critical' }, {
      value: 2000000000,
      description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
      preemptionPolicy: 'PreemptLowerPriority',
    }, '5d');
    expect(priorityClassPrinter.cells(pc, ctx)).toEqual(['system-cluster-critical', 2000000000, false, '5d', 'PreemptLowerPriority']);
    const batch = obj('scheduling.k8s.io/v1', 'PriorityClass', { name: 'batch-low' }, { value: -10, globalDefault: true, preemptionPolicy: 'Never' });
    expect(priorityClassPrinter.cells(batch, ctx).slice(1, 5)).toEqual([-10, true, '10d', 'Never']);
    expect(priorityClassPrinter.columns.map((c) => c.priority)).toEqual([0, 0, 0, 0, 0]);
  });

  it('prints PDB bounds as numbers, percentages or N/A', () => {
    const pdb = (spec: Record<string, unknown>, allowed: number) =>
      obj('policy/v1', 'PodDisruptionBudget', { name: 'coredns', namespace: 'kube-system' }, { spec: { selector: { matchLabels: { 'k8s-app': 'kube-dns' } }, ...spec }, status: { disruptionsAllowed: allowed } }, '5d');
    expect(podDisruptionBudgetPrinter.cells(pdb({ maxUnavailable: 1 }, 1), ctx)).toEqual(['coredns', 'N/A', '1', 1, '5d']);
    expect(podDisruptionBudgetPrinter.cells(pdb({ minAvailable: '50%' }, 0), ctx).slice(1, 4)).toEqual(['50%', 'N/A', 0]);
  });
});

// kube-aggregator apiservice REST.ConvertToTable.
describe('api service', () => {
  it('prints Local or the backing service, and the Available condition with its reason', () => {
    const local = obj('apiregistration.k8s.io/v1', 'APIService', { name: 'v1.apps' }, { spec: { group: 'apps', version: 'v1' }, status: { conditions: [{ type: 'Available', status: 'True', reason: 'Local' }] } }, '5d');
    expect(apiServicePrinter.cells(local, ctx)).toEqual(['v1.apps', 'Local', 'True', '5d']);
    const metrics = obj('apiregistration.k8s.io/v1', 'APIService', { name: 'v1beta1.metrics.k8s.io' }, {
      spec: { service: { namespace: 'kube-system', name: 'metrics-server', port: 443 }, group: 'metrics.k8s.io', version: 'v1beta1' },
      status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] },
    });
    expect(apiServicePrinter.cells(metrics, ctx).slice(1, 3)).toEqual(['kube-system/metrics-server', 'False (MissingEndpoints)']);
    expect(apiServicePrinter.cells(obj('apiregistration.k8s.io/v1', 'APIService', { name: 'v1.x' }, { spec: {} }), ctx)[2]).toBe('Unknown');
  });
});
