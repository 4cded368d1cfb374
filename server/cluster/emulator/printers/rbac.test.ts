import { describe, expect, it } from 'vitest';
import { printerFor } from './index.ts';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac.ts';
import { ctx, obj } from './test-fixtures.ts';

// printers.go printRoleBinding, printClusterRoleBinding, rbac.SubjectsStrings.
describe('bindings', () => {
  it('prints the role reference and, wide, the subjects by kind', () => {
    const rb = obj('rbac.authorization.k8s.io/v1', 'RoleBinding', { name: 'dev-edit', namespace: 'team-a' }, {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice@example.com' },
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'developers' },
        { kind: 'ServiceAccount', name: 'ci', namespace: 'tools' },
        { kind: 'User', name: 'bob' },
      ],
    }, '2h');
    expect(roleBindingPrinter.cells(rb, ctx)).toEqual(['dev-edit', 'ClusterRole/edit', '120m', 'alice@example.com, bob', 'developers', 'tools/ci']);
    expect(roleBindingPrinter.columns.slice(3).map((c) => [c.name, c.description, c.priority])).toEqual([
      ['Users', 'Users in the roleBinding', 1],
      ['Groups', 'Groups in the roleBinding', 1],
      ['ServiceAccounts', 'ServiceAccounts in the roleBinding', 1],
    ]);
  });

  it('prints cluster role bindings, empty subject lists as empty cells', () => {
    const crb = obj('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', { name: 'cluster-admin' }, {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:masters' }],
    }, '5d');
    expect(clusterRoleBindingPrinter.cells(crb, ctx)).toEqual(['cluster-admin', 'ClusterRole/cluster-admin', '5d', '', 'system:masters', '']);
    expect(clusterRoleBindingPrinter.columns[3]!.description).toBe('Users in the clusterRoleBinding');
  });
});

// apiserver pkg/registry/rest/table.go defaultTableConvertor: roles have no printer.
describe('roles', () => {
  it('print NAME and CREATED AT in RFC 3339', () => {
    const role = obj('rbac.authorization.k8s.io/v1', 'ClusterRole', { name: 'eks:node-manager', creationTimestamp: '2025-05-27T09:14:03Z' }, { rules: [] });
    const printer = printerFor('rbac.authorization.k8s.io', 'ClusterRole');
    expect(printer.cells(role, ctx)).toEqual(['eks:node-manager', '2025-05-27T09:14:03Z']);
    expect(printer.columns.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Created At', 'date'],
    ]);
  });
});
