import { describe, expect, it } from 'vitest';
import { defaultPrinter, printerFor } from './index.ts';
import { ctx, obj } from './test-fixtures.ts';

const builtins: [string, string][] = [
  ['', 'Pod'], ['', 'PodTemplate'], ['', 'ReplicationController'], ['', 'Service'], ['', 'Endpoints'], ['', 'Node'], ['', 'Event'],
  ['', 'Namespace'], ['', 'Secret'], ['', 'ServiceAccount'], ['', 'ConfigMap'], ['', 'PersistentVolume'], ['', 'PersistentVolumeClaim'],
  ['', 'ResourceQuota'], ['', 'ComponentStatus'], ['apps', 'Deployment'], ['apps', 'ReplicaSet'], ['apps', 'StatefulSet'], ['apps', 'DaemonSet'],
  ['apps', 'ControllerRevision'], ['batch', 'Job'], ['batch', 'CronJob'], ['autoscaling', 'HorizontalPodAutoscaler'], ['events.k8s.io', 'Event'],
  ['discovery.k8s.io', 'EndpointSlice'], ['networking.k8s.io', 'Ingress'], ['networking.k8s.io', 'IngressClass'], ['networking.k8s.io', 'NetworkPolicy'],
  ['policy', 'PodDisruptionBudget'], ['rbac.authorization.k8s.io', 'RoleBinding'], ['rbac.authorization.k8s.io', 'ClusterRoleBinding'],
  ['coordination.k8s.io', 'Lease'], ['scheduling.k8s.io', 'PriorityClass'], ['storage.k8s.io', 'StorageClass'], ['storage.k8s.io', 'CSIDriver'],
  ['storage.k8s.io', 'CSINode'], ['storage.k8s.io', 'VolumeAttachment'], ['apiregistration.k8s.io', 'APIService'],
];

describe('printerFor', () => {
  it('has a printer for every built-in kind upstream prints, one cell per column even for empty objects', () => {
    for (const [group, kind] of builtins) {
      const p = printerFor(group, kind);
      expect(p, `${group}/${kind}`).not.toBe(defaultPrinter);
      const cells = p.cells(obj(group ? `${group}/v1` : 'v1', kind, { name: 'x' }), ctx);
      expect(cells, `${group}/${kind}`).toHaveLength(p.columns.length);
      for (const c of p.columns) {
        expect(c.description, `${group}/${kind} ${c.name}`).not.toBe('');
        expect(c.priority === 0 || c.priority === 1).toBe(true);
      }
    }
  });

  it('prints events.k8s.io Events with the core printer', () => {
    expect(printerFor('events.k8s.io', 'Event')).toBe(printerFor('', 'Event'));
  });

  // apiserver pkg/registry/rest/table.go: the default table for kinds without a printer.
  it('falls back to NAME and CREATED AT for Role, ClusterRole, LimitRange, CRDs and unknown kinds', () => {
    for (const [group, kind] of [
      ['rbac.authorization.k8s.io', 'Role'],
      ['rbac.authorization.k8s.io', 'ClusterRole'],
      ['', 'LimitRange'],
      ['apiextensions.k8s.io', 'CustomResourceDefinition'],
      ['example.com', 'Gadget'],
    ] as const) {
      expect(printerFor(group, kind)).toBe(defaultPrinter);
    }
    const crd = obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { name: 'certificates.cert-manager.io', creationTimestamp: '2025-05-30T08:01:02Z' });
    expect(defaultPrinter.cells(crd, ctx)).toEqual(['certificates.cert-manager.io', '2025-05-30T08:01:02Z']);
    expect(defaultPrinter.cells(obj('v1', 'LimitRange', { name: 'lr', creationTimestamp: '2025-05-30T08:01:02.750+02:00' }), ctx)).toEqual(['lr', '2025-05-30T06:01:02Z']);
    expect(defaultPrinter.columns).toEqual([
      expect.objectContaining({ name: 'Name', type: 'string', format: 'name', priority: 0 }),
      expect.objectContaining({ name: 'Created At', type: 'date', format: '', priority: 0 }),
    ]);
    expect(defaultPrinter.columns[0]!.description).toMatch(/^Name must be unique within a namespace\./);
  });
});
