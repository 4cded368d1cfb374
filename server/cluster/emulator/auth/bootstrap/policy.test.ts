import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../meta/types.ts';
import { createRbacAuthorizer } from '../rbac/authorizer.ts';
import type { PolicyRule } from '../rbac/types.ts';
import { addRoleBinding, newStore } from '../testing.ts';
import { bootstrapPolicy } from './policy.ts';

const byName = (list: KubeObject[], name: string) => list.find((o) => o.metadata.name === name)!;
const rulesOf = (o: KubeObject) => (o as KubeObject & { rules: PolicyRule[] }).rules;

describe('bootstrap policy', () => {
  it('marks every object as an auto-updated RBAC default', () => {
    const { clusterRoles, clusterRoleBindings } = bootstrapPolicy();
    for (const o of [...clusterRoles, ...clusterRoleBindings]) {
      expect(o.apiVersion).toBe('rbac.authorization.k8s.io/v1');
      expect(o.metadata.labels?.['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
      expect(o.metadata.annotations).toEqual({ 'rbac.authorization.kubernetes.io/autoupdate': 'true' });
    }
  });

  it('has the learner-facing roles, with aggregation labels and rules', () => {
    const { clusterRoles } = bootstrapPolicy();
    const names = clusterRoles.map((r) => r.metadata.name);
    for (const n of ['cluster-admin', 'admin', 'edit', 'view', 'system:aggregate-to-admin', 'system:aggregate-to-edit', 'system:aggregate-to-view', 'system:discovery', 'system:basic-user', 'system:public-info-viewer', 'system:node']) {
      expect(names).toContain(n);
    }
    expect(byName(clusterRoles, 'admin').aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }] });
    expect(byName(clusterRoles, 'edit').metadata.labels).toEqual({ 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' });
    expect(byName(clusterRoles, 'view').metadata.labels?.['rbac.authorization.k8s.io/aggregate-to-edit']).toBe('true');
    // Aggregated as a running cluster shows them: view ⊂ edit ⊂ admin.
    const view = rulesOf(byName(clusterRoles, 'view'));
    const edit = rulesOf(byName(clusterRoles, 'edit'));
    const admin = rulesOf(byName(clusterRoles, 'admin'));
    expect(view).toEqual(rulesOf(byName(clusterRoles, 'system:aggregate-to-view')));
    expect(edit).toEqual([...rulesOf(byName(clusterRoles, 'system:aggregate-to-edit')), ...view]);
    expect(admin).toEqual([...edit, ...rulesOf(byName(clusterRoles, 'system:aggregate-to-admin'))]);
  });

  it('binds cluster-admin to system:masters and the public roles to everyone', () => {
    const { clusterRoleBindings } = bootstrapPolicy();
    const subjects = (name: string) => (byName(clusterRoleBindings, name) as KubeObject & { subjects?: unknown }).subjects;
    expect(byName(clusterRoleBindings, 'cluster-admin').roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' });
    expect(subjects('cluster-admin')).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }]);
    expect(subjects('system:discovery')).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' }]);
    expect(subjects('system:basic-user')).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' }]);
    expect(subjects('system:public-info-viewer')).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:unauthenticated' },
    ]);
  });

  it('gives the built-in roles their upstream powers once stored', () => {
    const { store } = newStore();
    const { clusterRoles, clusterRoleBindings } = bootstrapPolicy();
    for (const r of clusterRoles) store.create({ group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }, r);
    for (const b of clusterRoleBindings) store.create({ group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' }, b);
    for (const [user, role] of [['viewer', 'view'], ['editor', 'edit'], ['boss', 'admin']] as const) {
      addRoleBinding(store, 'default', user, `ClusterRole:${role}`, [`User:${user}`]);
    }
    const authz = createRbacAuthorizer(store);
    const can = (username: string, verb: string, group: string, resource: string, subresource?: string) =>
      authz.authorize({ username, groups: ['system:authenticated'] }, { kind: 'resource', verb, group, resource, namespace: 'default', ...(subresource ? { subresource } : {}) }).allowed;
    expect(can('viewer', 'list', '', 'pods')).toBe(true);
    expect(can('viewer', 'get', '', 'pods', 'log')).toBe(true);
    expect(can('viewer', 'list', '', 'secrets')).toBe(false);
    expect(can('viewer', 'create', 'apps', 'deployments')).toBe(false);
    expect(can('editor', 'create', 'apps', 'deployments')).toBe(true);
    expect(can('editor', 'create', '', 'pods', 'exec')).toBe(true);
    expect(can('editor', 'list', '', 'secrets')).toBe(true);
    expect(can('editor', 'create', 'rbac.authorization.k8s.io', 'rolebindings')).toBe(false);
    expect(can('boss', 'create', 'rbac.authorization.k8s.io', 'rolebindings')).toBe(true);
    expect(can('boss', 'create', '', 'resourcequotas')).toBe(false);
    const anyone = { username: 'someone', groups: ['system:authenticated'] };
    expect(authz.authorize(anyone, { kind: 'nonresource', verb: 'get', path: '/apis/apps/v1' }).allowed).toBe(true);
    expect(authz.authorize(anyone, { kind: 'resource', verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' }).allowed).toBe(true);
    expect(authz.authorize({ username: 'system:anonymous', groups: ['system:unauthenticated'] }, { kind: 'nonresource', verb: 'get', path: '/healthz' }).allowed).toBe(true);
    expect(authz.authorize({ username: 'system:anonymous', groups: ['system:unauthenticated'] }, { kind: 'nonresource', verb: 'get', path: '/api' }).allowed).toBe(false);
  });
});
