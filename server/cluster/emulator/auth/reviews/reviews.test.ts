import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../meta/errors.ts';
import type { UserInfo } from '../../meta/types.ts';
import { createAuthenticator } from '../authenticator.ts';
import { bootstrapPolicy } from '../bootstrap/policy.ts';
import { createRbacAuthorizer } from '../rbac/authorizer.ts';
import { serviceAccountTokenAuthenticator } from '../service-account-authenticator.ts';
import type { ServiceAccountTokenConfig } from '../service-account-claims.ts';
import { generateSigningKey } from '../signing-key.ts';
import { adminToken, staticTokenAuthenticator } from '../static-token.ts';
import { addRole, addRoleBinding, addServiceAccount, caught, newStore } from '../testing.ts';
import { issueServiceAccountToken } from '../token-request.ts';
import { reviews } from './index.ts';

const admin: UserInfo = { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
const jane: UserInfo = { username: 'jane', groups: ['system:authenticated'] };

function setup() {
  const env = newStore();
  const { store } = env;
  const { clusterRoles, clusterRoleBindings } = bootstrapPolicy();
  for (const r of clusterRoles) store.create({ group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }, r);
  for (const b of clusterRoleBindings) store.create({ group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' }, b);
  return { ...env, authz: createRbacAuthorizer(store) };
}

/** The body kubectl auth can-i sends (after protobuf decoding). */
const canI = (resourceAttributes: object) => ({
  apiVersion: 'authorization.k8s.io/v1',
  kind: 'SelfSubjectAccessReview',
  metadata: { creationTimestamp: null },
  spec: { resourceAttributes },
});

describe('SelfSubjectAccessReview (kubectl auth can-i)', () => {
  it('can-i create deployments: yes for an editor, no for a viewer', () => {
    const { store, authz } = setup();
    addRoleBinding(store, 'default', 'jane-edit', 'ClusterRole:edit', ['User:jane']);
    addRoleBinding(store, 'default', 'bob-view', 'ClusterRole:view', ['User:bob']);
    const body = canI({ namespace: 'default', verb: 'create', group: 'apps', resource: 'deployments' });
    expect(reviews.selfSubjectAccessReview(authz, jane, body)).toEqual({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: { creationTimestamp: null },
      spec: body.spec,
      status: { allowed: true, reason: 'RBAC: allowed by RoleBinding "jane-edit/default" of ClusterRole "edit" to User "jane"' },
    });
    expect(reviews.selfSubjectAccessReview(authz, { username: 'bob', groups: ['system:authenticated'] }, body).status).toEqual({ allowed: false });
  });

  it("can-i '*' '*' is yes for the admin, no for an editor", () => {
    const { store, authz } = setup();
    addRoleBinding(store, 'default', 'jane-edit', 'ClusterRole:edit', ['User:jane']);
    const body = canI({ namespace: 'default', verb: '*', resource: '*' });
    expect(reviews.selfSubjectAccessReview(authz, admin, body).status).toEqual({ allowed: true });
    expect(reviews.selfSubjectAccessReview(authz, jane, body).status).toEqual({ allowed: false });
  });

  it('reports why a binding does not work (kubectl prints "no - <reason>")', () => {
    const { store, authz } = setup();
    addRoleBinding(store, 'default', 'dangling', 'Role:pod-reader', ['User:jane']);
    expect(reviews.selfSubjectAccessReview(authz, jane, canI({ namespace: 'default', verb: 'list', resource: 'pods' })).status).toEqual({
      allowed: false,
      reason: 'RBAC: role.rbac.authorization.k8s.io "pod-reader" not found',
    });
  });

  it('answers non-resource questions and rejects malformed specs as upstream does', () => {
    const { authz } = setup();
    const body = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec: { nonResourceAttributes: { verb: 'get', path: '/apis' } } };
    expect(reviews.selfSubjectAccessReview(authz, jane, body).status).toMatchObject({ allowed: true });
    const empty = caught(() => reviews.selfSubjectAccessReview(authz, jane, { ...body, spec: {} })) as ApiError;
    expect(empty.toStatus()).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: '.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    });
    const both = caught(() =>
      reviews.selfSubjectAccessReview(authz, jane, { ...body, spec: { resourceAttributes: { verb: 'get', resource: 'pods' }, nonResourceAttributes: { verb: 'get', path: '/x' } } }),
    );
    expect(both.message).toBe(
      '.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/x", Verb:"get"}: cannot be specified in combination with resourceAttributes',
    );
  });
});

describe('SubjectAccessReview and LocalSubjectAccessReview', () => {
  it('reviews the subject in the spec, without adding groups', () => {
    const { store, authz } = setup();
    addRole(store, 'team-a', 'cm', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }]);
    addRoleBinding(store, 'team-a', 'devs-cm', 'Role:cm', ['Group:devs']);
    const sar = (spec: object) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', metadata: {}, spec });
    const ra = { namespace: 'team-a', verb: 'get', resource: 'configmaps', name: 'x' };
    expect(reviews.subjectAccessReview(authz, sar({ user: 'carol', groups: ['devs'], resourceAttributes: ra })).status).toMatchObject({ allowed: true });
    expect(reviews.subjectAccessReview(authz, sar({ user: 'carol', resourceAttributes: ra })).status).toEqual({ allowed: false });
    expect(reviews.subjectAccessReview(authz, sar({ user: 'x', resourceAttributes: { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' } })).status).toEqual({ allowed: false });
    expect(caught(() => reviews.subjectAccessReview(authz, sar({ resourceAttributes: ra }))).message).toBe(
      '.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
    );

    const lsar = (namespace: string, spec: object) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', metadata: { namespace }, spec });
    const local = reviews.localSubjectAccessReview(authz, 'team-a', lsar('team-a', { groups: ['devs'], resourceAttributes: ra }));
    expect(local).toMatchObject({ kind: 'LocalSubjectAccessReview', metadata: { namespace: 'team-a' }, status: { allowed: true } });
    expect(caught(() => reviews.localSubjectAccessReview(authz, 'team-a', lsar('team-a', { groups: ['devs'], resourceAttributes: { ...ra, namespace: 'team-b' } }))).message).toBe(
      '.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "team-b": must match metadata.namespace',
    );
  });
});

describe('SelfSubjectRulesReview (kubectl auth can-i --list)', () => {
  it('lists every rule of the user in the namespace, complete', () => {
    const { store, authz } = setup();
    addRole(store, 'default', 'pod-reader', [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] }]);
    addRoleBinding(store, 'default', 'read-pods', 'Role:pod-reader', ['User:jane']);
    const body = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: {}, spec: { namespace: 'default' } };
    const answer = reviews.selfSubjectRulesReview(authz, jane, body);
    expect(answer).toMatchObject({ kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec: {} });
    const status = answer.status as { resourceRules: unknown[]; nonResourceRules: unknown[]; incomplete: boolean };
    expect(status.incomplete).toBe(false);
    expect(status.resourceRules).toEqual([
      // system:basic-user (ClusterRoleBinding) first, then the RoleBinding.
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
      { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] },
    ]);
    expect(status.nonResourceRules).toEqual([
      { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] },
      { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] },
    ]);
    const mine = reviews.selfSubjectRulesReview(authz, admin, body).status as { resourceRules: unknown[] };
    expect(mine.resourceRules[0]).toEqual({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(caught(() => reviews.selfSubjectRulesReview(authz, jane, { ...body, spec: {} })).message).toBe('no namespace on request');
  });
});

describe('SelfSubjectReview (kubectl auth whoami) and TokenReview', () => {
  it('tells the requester who they are', () => {
    const now = Date.parse('2026-05-01T10:00:00Z');
    expect(reviews.selfSubjectReview(admin, now)).toEqual({
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: '2026-05-01T10:00:00Z' },
      status: { userInfo: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] } },
    });
  });

  it('reviews tokens: the user for a good one, the reason for a bad one', () => {
    const { store, clock } = setup();
    const config: ServiceAccountTokenConfig = { issuer: 'https://issuer.example', signingKey: generateSigningKey(), apiAudiences: ['https://kubernetes.default.svc'] };
    const authn = createAuthenticator({
      apiAudiences: config.apiAudiences,
      tokenAuthenticators: [staticTokenAuthenticator([adminToken('admin-secret')]), serviceAccountTokenAuthenticator(config, { store, clock })],
    });
    const sa = addServiceAccount(store, 'default', 'robot');
    const token = (issueServiceAccountToken({ store, clock, config }, 'default', 'robot', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {} }).object.status as { token: string }).token;
    const review = (spec: object) => reviews.tokenReview(authn, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: {}, spec });

    const good = review({ token });
    expect(good.status).toMatchObject({
      authenticated: true,
      user: { username: 'system:serviceaccount:default:robot', uid: sa.metadata.uid, groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] },
      audiences: ['https://kubernetes.default.svc'],
    });
    expect(review({ token: 'admin-secret' }).status).toEqual({
      authenticated: true,
      user: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
      audiences: ['https://kubernetes.default.svc'],
    });
    expect(review({ token, audiences: ['vault'] }).status).toEqual({
      user: {},
      error: 'token audiences ["https://kubernetes.default.svc"] is invalid for the target audiences ["vault"]',
    });
    expect(review({ token: 'junk' }).status).toEqual({ user: {}, error: 'invalid bearer token' });
    expect(caught(() => review({})).message).toBe('token is required for TokenReview in authentication');
  });
});
