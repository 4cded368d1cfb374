import { describe, expect, it } from 'vitest';
import { thrown } from '../meta/testing.ts';
import type { UserInfo } from '../meta/types.ts';
import { impersonate, impersonationRequest } from './impersonation.ts';
import { createRbacAuthorizer } from './rbac/authorizer.ts';
import { addClusterRole, addClusterRoleBinding, newStore } from './testing.ts';

const admin: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
const jane: UserInfo = { username: 'jane', groups: ['system:authenticated'] };

describe('impersonation headers', () => {
  it('reads the user, groups (repeated headers arrive joined), uid and extras', () => {
    expect(impersonationRequest({})).toBeUndefined();
    expect(
      impersonationRequest({ 'impersonate-user': 'bob', 'impersonate-group': 'devs, ops', 'impersonate-uid': 'u1', 'impersonate-extra-scopes%2Fa': 'x' }),
    ).toEqual({ user: 'bob', groups: ['devs', 'ops'], uid: 'u1', extra: { 'scopes/a': ['x'] } });
    expect(() => impersonationRequest({ 'impersonate-group': 'devs' })).toThrow('without impersonating a user');
  });
});

describe('impersonate', () => {
  it('gives a ServiceAccount its groups, and any other user system:authenticated', () => {
    const authz = createRbacAuthorizer(newStore().store);
    expect(impersonate(authz, admin, { user: 'system:serviceaccount:dev:bot', groups: [], extra: {} })).toEqual({
      username: 'system:serviceaccount:dev:bot',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'],
    });
    expect(impersonate(authz, admin, { user: 'bob', groups: ['devs'], extra: {} })).toEqual({ username: 'bob', groups: ['devs', 'system:authenticated'] });
  });

  it('refuses callers without the impersonate verb, in the words of a 403', () => {
    const { store } = newStore();
    const authz = createRbacAuthorizer(store);
    const err = thrown(() => impersonate(authz, jane, { user: 'bob', groups: [], extra: {} }));
    expect([err.code, err.message]).toEqual([403, 'users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope']);
    addClusterRole(store, 'impersonator', [{ verbs: ['impersonate'], apiGroups: [''], resources: ['users'] }]);
    addClusterRoleBinding(store, 'jane-impersonates', 'ClusterRole:impersonator', ['User:jane']);
    expect(impersonate(authz, jane, { user: 'bob', groups: [], extra: {} }).username).toBe('bob');
    expect(() => impersonate(authz, jane, { user: 'bob', groups: ['system:masters'], extra: {} })).toThrow(
      'groups "system:masters" is forbidden: User "jane" cannot impersonate resource "groups" in API group "" at the cluster scope',
    );
  });
});
