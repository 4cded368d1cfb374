import { describe, expect, it } from 'vitest';
import type { ApiError } from '../meta/errors.ts';
import type { KubeObject } from '../meta/types.ts';
import { createAuthenticator } from './authenticator.ts';
import { serviceAccountTokenAuthenticator } from './service-account-authenticator.ts';
import { eksIssuer, type ServiceAccountTokenConfig } from './service-account-claims.ts';
import { generateSigningKey } from './signing-key.ts';
import { addPod, addServiceAccount, caught, newStore } from './testing.ts';
import { issueServiceAccountToken } from './token-request.ts';

const ISSUER = eksIssuer('eu-west-1', '0123456789ABCDEF0123456789ABCDEF');

function setup(extra: Partial<ServiceAccountTokenConfig> = {}) {
  const { clock, store } = newStore();
  const config: ServiceAccountTokenConfig = { issuer: ISSUER, signingKey: generateSigningKey(), apiAudiences: ['https://kubernetes.default.svc'], ...extra };
  const sa = addServiceAccount(store, 'default', 'robot');
  const request = (spec: object = {}, metadata: Record<string, string> = {}, name = 'robot'): { object: KubeObject; warnings: string[] } =>
    issueServiceAccountToken({ store, clock, config }, 'default', name, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata, spec });
  const authn = createAuthenticator({ apiAudiences: config.apiAudiences, tokenAuthenticators: [serviceAccountTokenAuthenticator(config, { store, clock })] });
  return { clock, store, config, sa, request, authn };
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
const statusOf = (o: KubeObject) => o.status as { token: string; expirationTimestamp: string };

describe('TokenRequest (kubectl create token)', () => {
  it('issues a one-hour token for the API audiences by default', () => {
    const { request, sa, authn } = setup();
    const { object, warnings } = request();
    expect(warnings).toEqual([]);
    expect(object).toMatchObject({
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name: 'robot', namespace: 'default', creationTimestamp: '2026-05-01T10:00:00Z' },
      spec: { audiences: ['https://kubernetes.default.svc'], expirationSeconds: 3600, boundObjectRef: null },
      status: { expirationTimestamp: '2026-05-01T11:00:00Z' },
    });
    const { token } = statusOf(object);
    const now = Date.parse('2026-05-01T10:00:00Z') / 1000;
    const claims = claimsOf(token);
    expect(Object.keys(claims)).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
    expect(claims).toMatchObject({
      aud: ['https://kubernetes.default.svc'],
      exp: now + 3600,
      iat: now,
      nbf: now,
      iss: ISSUER,
      sub: 'system:serviceaccount:default:robot',
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'robot', uid: sa.metadata.uid } },
    });
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'ES256', kid: expect.any(String) });
    expect(authn.authenticate({ authorization: `Bearer ${token}`, path: '/api' }).username).toBe('system:serviceaccount:default:robot');
  });

  it('honours --duration and --audience', () => {
    const { request } = setup();
    const { object } = request({ expirationSeconds: 48 * 3600, audiences: ['vault', 'sts.amazonaws.com'] });
    expect(statusOf(object).expirationTimestamp).toBe('2026-05-03T10:00:00Z');
    expect(claimsOf(statusOf(object).token).aud).toEqual(['vault', 'sts.amazonaws.com']);
    expect(request({ expirationSeconds: 600 }).object.spec).toMatchObject({ expirationSeconds: 600 });
  });

  it('refuses durations under 10 minutes with upstream\'s message', () => {
    const { request } = setup();
    const e = caught(() => request({ expirationSeconds: 60 })) as ApiError;
    expect(e.toStatus()).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
      details: { group: 'authentication.k8s.io', kind: 'TokenRequest', causes: [{ reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: 'Invalid value: 60: may not specify a duration less than 10 minutes' }] },
    });
    expect(e.toStatus().details).not.toHaveProperty('name'); // omitted when empty, as Go's omitempty does
    expect(caught(() => request({ expirationSeconds: 2 ** 32 + 1 })).message).toBe(
      'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds',
    );
  });

  it('shortens requests beyond the configured maximum, with a warning', () => {
    const { request } = setup({ maxExpirationSeconds: 86400 });
    const { object, warnings } = request({ expirationSeconds: 10 * 86400 });
    expect(warnings).toEqual(['requested expiration of 864000 seconds shortened to 86400 seconds']);
    expect(object.spec).toMatchObject({ expirationSeconds: 86400 });
    expect(statusOf(object).expirationTimestamp).toBe('2026-05-02T10:00:00Z');
  });

  it('binds a token to a pod, which then ends with the pod', () => {
    const { request, store, authn } = setup();
    store.create({ group: '', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'ip-10-0-1-5.eu-west-1.compute.internal' } });
    const pod = addPod(store, 'default', 'web', { serviceAccountName: 'robot', nodeName: 'ip-10-0-1-5.eu-west-1.compute.internal' });
    const { object } = request({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web' } });
    const claims = claimsOf(statusOf(object).token)['kubernetes.io'];
    expect(claims.pod).toEqual({ name: 'web', uid: pod.metadata.uid });
    expect(claims.node).toMatchObject({ name: 'ip-10-0-1-5.eu-west-1.compute.internal' });
    const user = authn.authenticate({ authorization: `Bearer ${statusOf(object).token}`, path: '/api' });
    expect(Object.keys(user.extra ?? {})).toEqual([
      'authentication.kubernetes.io/credential-id',
      'authentication.kubernetes.io/node-name',
      'authentication.kubernetes.io/node-uid',
      'authentication.kubernetes.io/pod-name',
      'authentication.kubernetes.io/pod-uid',
    ]);
    store.remove({ group: '', resource: 'pods' }, 'default', 'web');
    expect(caught(() => authn.authenticate({ authorization: `Bearer ${statusOf(object).token}`, path: '/api' })).code).toBe(401);
  });

  it('extends kubelet-style pod tokens when configured, as EKS does', () => {
    const { request, store } = setup({ extendedExpirationSeconds: 90 * 86400 });
    addPod(store, 'default', 'web', { serviceAccountName: 'robot' });
    const { object } = request({ expirationSeconds: 3607, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web' } });
    const claims = claimsOf(statusOf(object).token);
    expect(claims.exp - claims.iat).toBe(90 * 86400);
    expect(claims['kubernetes.io'].warnafter).toBe(claims.iat + 3607);
    expect(statusOf(object).expirationTimestamp).toBe('2026-05-01T11:00:07Z');
  });

  it('reports missing or mismatched objects as upstream does', () => {
    const { request, store } = setup();
    expect((caught(() => request({}, {}, 'ghost')) as ApiError).toStatus()).toMatchObject({ code: 404, message: 'serviceaccounts "ghost" not found' });
    expect(caught(() => request({}, { name: 'other' })).message).toBe(
      'TokenRequest.authentication.k8s.io "robot" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified',
    );
    expect(caught(() => request({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'nope' } })).message).toBe('pods "nope" not found');
    addPod(store, 'default', 'other-sa', { serviceAccountName: 'default' });
    expect(caught(() => request({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'other-sa' } })).message).toBe(
      'cannot bind token for serviceaccount "robot" to pod running with different serviceaccount name.',
    );
    expect(caught(() => request({ boundObjectRef: { kind: 'Deployment', apiVersion: 'apps/v1', name: 'x' } })).message).toBe(
      'cannot bind token to object of type apps/v1, Kind=Deployment',
    );
    addPod(store, 'default', 'mine', { serviceAccountName: 'robot' });
    const conflict = caught(() => request({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'mine', uid: 'stale' } })) as ApiError;
    expect(conflict.toStatus()).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on Pod "mine": the UID in the bound object reference (stale) does not match the UID in record. The object might have been deleted and then recreated',
    });
  });
});
