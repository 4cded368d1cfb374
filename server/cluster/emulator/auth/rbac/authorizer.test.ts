import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../../meta/types.ts';
import type { RequestAttributes } from '../attributes.ts';
import { addClusterRole, addClusterRoleBinding, addRole, addRoleBinding, newStore } from '../testing.ts';
import { createRbacAuthorizer } from './authorizer.ts';

const jane: UserInfo = { username: 'jane', groups: ['devs', 'system:authenticated'] };
const robot: UserInfo = { username: 'system:serviceaccount:team-a:robot', groups: ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated'] };
const admin: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };

const res = (verb: string, resource: string, more: Partial<Extract<RequestAttributes, { kind: 'resource' }>> = {}): RequestAttributes => ({
  kind: 'resource',
  verb,
  group: '',
  resource,
  ...more,
});
const url = (verb: string, path: string): RequestAttributes => ({ kind: 'nonresource', verb, path });

function setup() {
  const { store } = newStore();
  const authz = createRbacAuthorizer(store);
  return { store, authz, can: (user: UserInfo, attrs: RequestAttributes) => authz.authorize(user, attrs).allowed };
}

describe('RBAC authorizer', () => {
  it('lets system:masters do anything, with no reason given', () => {
    const { authz } = setup();
    expect(authz.authorize(admin, res('delete', 'nodes', { name: 'n1' }))).toEqual({ allowed: true, reason: '' });
    expect(authz.authorize(admin, url('get', '/metrics'))).toEqual({ allowed: true, reason: '' });
  });

  it('denies by default, without a reason', () => {
    const { authz } = setup();
    expect(authz.authorize(jane, res('list', 'pods', { namespace: 'default' }))).toEqual({ allowed: false, reason: '' });
  });

  it('grants a Role through a RoleBinding in its namespace only', () => {
    const { store, can, authz } = setup();
    addRole(store, 'default', 'pod-reader', [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] }]);
    addRoleBinding(store, 'default', 'read-pods', 'Role:pod-reader', ['User:jane']);
    expect(authz.authorize(jane, res('list', 'pods', { namespace: 'default' }))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "read-pods/default" of Role "pod-reader" to User "jane"',
    });
    expect(can(jane, res('list', 'pods', { namespace: 'other' }))).toBe(false);
    expect(can(jane, res('list', 'pods'))).toBe(false); // all namespaces
    expect(can(jane, res('delete', 'pods', { namespace: 'default', name: 'web' }))).toBe(false);
    expect(can(jane, res('list', 'deployments', { namespace: 'default', group: 'apps' }))).toBe(false);
  });

  it('grants a ClusterRole namespaced through a RoleBinding, everywhere through a ClusterRoleBinding', () => {
    const { store, can, authz } = setup();
    addClusterRole(store, 'deploy-viewer', [{ verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['deployments'] }]);
    addRoleBinding(store, 'team-a', 'view-deploys', 'ClusterRole:deploy-viewer', ['Group:devs']);
    expect(can(jane, res('list', 'deployments', { group: 'apps', namespace: 'team-a' }))).toBe(true);
    expect(can(jane, res('list', 'deployments', { group: 'apps', namespace: 'team-b' }))).toBe(false);
    expect(can(jane, res('list', 'deployments', { group: 'apps' }))).toBe(false);
    addClusterRoleBinding(store, 'everyone-views-deploys', 'ClusterRole:deploy-viewer', ['Group:system:authenticated']);
    expect(can(jane, res('list', 'deployments', { group: 'apps', namespace: 'team-b' }))).toBe(true);
    expect(authz.authorize(jane, res('list', 'deployments', { group: 'apps' })).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "everyone-views-deploys" of ClusterRole "deploy-viewer" to Group "system:authenticated"',
    );
  });

  it('matches ServiceAccount subjects by namespace, defaulting to the binding namespace', () => {
    const { store, can, authz } = setup();
    addClusterRole(store, 'cm-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }]);
    addRoleBinding(store, 'team-a', 'robot-reads', 'ClusterRole:cm-reader', ['ServiceAccount:robot']);
    expect(authz.authorize(robot, res('get', 'configmaps', { namespace: 'team-a', name: 'x' })).reason).toBe(
      'RBAC: allowed by RoleBinding "robot-reads/team-a" of ClusterRole "cm-reader" to ServiceAccount "robot/team-a"',
    );
    addRoleBinding(store, 'team-b', 'wrong-robot', 'ClusterRole:cm-reader', ['ServiceAccount:robot']);
    expect(can(robot, res('get', 'configmaps', { namespace: 'team-b', name: 'x' }))).toBe(false);
    addRoleBinding(store, 'team-c', 'foreign-robot', 'ClusterRole:cm-reader', ['ServiceAccount:team-a/robot']);
    expect(can(robot, res('get', 'configmaps', { namespace: 'team-c', name: 'x' }))).toBe(true);
    // A ClusterRoleBinding must name the ServiceAccount's namespace.
    addClusterRoleBinding(store, 'no-namespace', 'ClusterRole:cm-reader', ['ServiceAccount:robot']);
    expect(can(robot, res('get', 'configmaps', { namespace: 'team-d', name: 'x' }))).toBe(false);
  });

  it('restricts to resourceNames when given (lists and creates carry no name, so they fail)', () => {
    const { store, can } = setup();
    addRole(store, 'default', 'one-cm', [{ verbs: ['get', 'update', 'list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'] }]);
    addRoleBinding(store, 'default', 'b', 'Role:one-cm', ['User:jane']);
    expect(can(jane, res('get', 'configmaps', { namespace: 'default', name: 'app-config' }))).toBe(true);
    expect(can(jane, res('get', 'configmaps', { namespace: 'default', name: 'other' }))).toBe(false);
    expect(can(jane, res('list', 'configmaps', { namespace: 'default' }))).toBe(false);
  });

  it('treats subresources as their own resources, with */subresource wildcards', () => {
    const { store, can } = setup();
    addRole(store, 'default', 'exec', [
      { verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] },
      { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] },
    ]);
    addRoleBinding(store, 'default', 'b', 'Role:exec', ['User:jane']);
    expect(can(jane, res('create', 'pods', { namespace: 'default', name: 'web', subresource: 'exec' }))).toBe(true);
    expect(can(jane, res('create', 'pods', { namespace: 'default', name: 'web' }))).toBe(false);
    expect(can(jane, res('create', 'pods', { namespace: 'default', name: 'web', subresource: 'attach' }))).toBe(false);
    expect(can(jane, res('get', 'deployments', { group: 'apps', namespace: 'default', name: 'web', subresource: 'scale' }))).toBe(true);
    expect(can(jane, res('get', 'deployments', { group: 'apps', namespace: 'default', name: 'web', subresource: 'status' }))).toBe(false);
    expect(can(jane, res('get', 'deployments', { group: 'apps', namespace: 'default', name: 'web' }))).toBe(false);
  });

  it('honours * for verbs, groups and resources (a * resource also covers subresources)', () => {
    const { store, can } = setup();
    addRole(store, 'default', 'all-apps', [{ verbs: ['*'], apiGroups: ['apps'], resources: ['*'] }]);
    addRoleBinding(store, 'default', 'b', 'Role:all-apps', ['User:jane']);
    expect(can(jane, res('deletecollection', 'replicasets', { group: 'apps', namespace: 'default' }))).toBe(true);
    expect(can(jane, res('patch', 'deployments', { group: 'apps', namespace: 'default', name: 'w', subresource: 'scale' }))).toBe(true);
    expect(can(jane, res('get', 'pods', { namespace: 'default' }))).toBe(false);
    // A request for verb "*" is only granted by a rule that grants every verb.
    expect(can(jane, res('*', 'deployments', { group: 'apps', namespace: 'default' }))).toBe(true);
    addRole(store, 'default', 'get-pods', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
    addRoleBinding(store, 'default', 'b2', 'Role:get-pods', ['User:jane']);
    expect(can(jane, res('*', 'pods', { namespace: 'default' }))).toBe(false);
  });

  it('matches nonResourceURLs exactly or by a trailing-* prefix, through ClusterRoleBindings only', () => {
    const { store, can } = setup();
    addClusterRole(store, 'urls', [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/apis/*', '/logs*'] }]);
    addClusterRoleBinding(store, 'b', 'ClusterRole:urls', ['User:jane']);
    expect(can(jane, url('get', '/healthz'))).toBe(true);
    expect(can(jane, url('get', '/healthz/etcd'))).toBe(false);
    expect(can(jane, url('get', '/apis/apps/v1'))).toBe(true);
    expect(can(jane, url('get', '/apis'))).toBe(false);
    expect(can(jane, url('get', '/logs/kube.log'))).toBe(true);
    expect(can(jane, url('post', '/healthz'))).toBe(false);
    expect(can(jane, url('get', '/metrics'))).toBe(false);
  });

  it('reports bindings to missing roles in the denial reason', () => {
    const { store, authz } = setup();
    addRoleBinding(store, 'default', 'dangling', 'Role:pod-reader', ['User:jane']);
    addClusterRoleBinding(store, 'dangling-cluster', 'ClusterRole:nope', ['User:jane']);
    expect(authz.authorize(jane, res('list', 'pods', { namespace: 'default' }))).toEqual({
      allowed: false,
      reason: 'RBAC: [clusterrole.rbac.authorization.k8s.io "nope" not found, role.rbac.authorization.k8s.io "pod-reader" not found]',
    });
    expect(authz.authorize(jane, res('list', 'pods'))).toEqual({ allowed: false, reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "nope" not found' });
  });

  it('lists the rules of a user in a namespace, split into resource and non-resource rules', () => {
    const { store, authz } = setup();
    addClusterRole(store, 'mixed', [
      { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] },
      { verbs: ['get'], nonResourceURLs: ['/version'] },
    ]);
    addClusterRoleBinding(store, 'b1', 'ClusterRole:mixed', ['User:jane']);
    addRole(store, 'default', 'cm', [{ verbs: ['list'], apiGroups: [''], resources: ['configmaps'] }]);
    addRoleBinding(store, 'default', 'b2', 'Role:cm', ['User:jane']);
    addRoleBinding(store, 'default', 'b3', 'Role:missing', ['User:jane']);
    expect(authz.rulesFor(jane, 'default')).toEqual({
      resourceRules: [
        { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] },
        { verbs: ['list'], apiGroups: [''], resources: ['configmaps'] },
      ],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/version'] }],
      incomplete: false,
      evaluationError: 'role.rbac.authorization.k8s.io "missing" not found',
    });
    expect(authz.rulesFor(jane, 'other').resourceRules).toHaveLength(1);
  });
});
