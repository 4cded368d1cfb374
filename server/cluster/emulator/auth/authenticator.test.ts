import { describe, expect, it } from 'vitest';
import { ApiError } from '../meta/errors.ts';
import { bearerToken, createAuthenticator, InvalidTokenError, type TokenAuthenticator } from './authenticator.ts';
import { signJwt } from './jwt.ts';
import { serviceAccountTokenAuthenticator } from './service-account-authenticator.ts';
import { serviceAccountClaims, signServiceAccountToken, type ServiceAccountTokenConfig } from './service-account-claims.ts';
import { generateSigningKey } from './signing-key.ts';
import { adminToken, staticTokenAuthenticator } from './static-token.ts';
import { addPod, addServiceAccount, caught, newStore } from './testing.ts';

const ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
const AUDIENCES = ['https://kubernetes.default.svc'];

function setup() {
  const { clock, store } = newStore();
  const config: ServiceAccountTokenConfig = { issuer: ISSUER, signingKey: generateSigningKey(), apiAudiences: AUDIENCES };
  const authn = createAuthenticator({
    apiAudiences: AUDIENCES,
    tokenAuthenticators: [
      staticTokenAuthenticator([adminToken('admin-secret')]),
      serviceAccountTokenAuthenticator(config, { store, clock }),
    ],
  });
  const sa = addServiceAccount(store, 'default', 'robot');
  const tokenFor = (opts: { expirationSeconds?: number; audiences?: string[]; pod?: { name: string; uid: string } } = {}) =>
    signServiceAccountToken(
      config,
      serviceAccountClaims({
        issuer: ISSUER,
        serviceAccount: sa,
        audiences: opts.audiences ?? AUDIENCES,
        expirationSeconds: opts.expirationSeconds ?? 3600,
        ...(opts.pod ? { binding: { pod: opts.pod } } : {}),
        now: clock.now(),
      }),
    );
  const request = (token?: string, path = '/api/v1/namespaces/default/pods') => ({ authorization: token ? `Bearer ${token}` : undefined, path });
  return { clock, store, config, authn, sa, tokenFor, request };
}

function rejected(fn: () => unknown): InvalidTokenError {
  const e = caught(fn);
  expect(e).toBeInstanceOf(InvalidTokenError);
  expect((e as ApiError).toStatus()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  return e as InvalidTokenError;
}

describe('authenticator chain', () => {
  it('maps the admin kubeconfig token to kubernetes-admin in system:masters', () => {
    const { authn, request } = setup();
    expect(authn.authenticate(request('admin-secret'))).toEqual({ username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] });
  });

  it('keeps the admin user name configurable (the cluster creator on EKS)', () => {
    const authn = createAuthenticator({ tokenAuthenticators: [staticTokenAuthenticator([adminToken('t', 'arn:aws:iam::111122223333:user/alice')])] });
    expect(authn.authenticate({ authorization: 'Bearer t', path: '/api' }).username).toBe('arn:aws:iam::111122223333:user/alice');
  });

  it('authenticates a valid ServiceAccount token as the ServiceAccount', () => {
    const { authn, request, tokenFor, sa } = setup();
    const user = authn.authenticate(request(tokenFor()));
    expect(user).toMatchObject({
      username: 'system:serviceaccount:default:robot',
      uid: sa.metadata.uid,
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    });
    expect(user.extra?.['authentication.kubernetes.io/credential-id']?.[0]).toMatch(/^JTI=[0-9a-f-]{36}$/);
  });

  it('rejects an expired token, allowing a minute of clock skew', () => {
    const { authn, request, tokenFor, clock } = setup();
    const token = tokenFor({ expirationSeconds: 600 });
    clock.advance(600_000 + 59_000);
    expect(authn.authenticate(request(token)).username).toBe('system:serviceaccount:default:robot');
    clock.advance(2_000);
    expect(rejected(() => authn.authenticate(request(token))).detail).toBe('service account token has expired');
  });

  it('rejects a token whose signature does not verify', () => {
    const { authn, request, tokenFor, config, sa, clock } = setup();
    const [header, , signature] = tokenFor().split('.');
    const forged = Buffer.from(JSON.stringify({ ...serviceAccountClaims({ issuer: ISSUER, serviceAccount: sa, audiences: AUDIENCES, expirationSeconds: 99_999, now: clock.now() }) })).toString('base64url');
    expect(rejected(() => authn.authenticate(request(`${header}.${forged}.${signature}`))).detail).toBe('square/go-jose: error in cryptographic primitive');
    // Signed by a key the cluster does not know.
    const other = { ...generateSigningKey(), kid: config.signingKey.kid };
    const foreign = signJwt(other, serviceAccountClaims({ issuer: ISSUER, serviceAccount: sa, audiences: AUDIENCES, expirationSeconds: 3600, now: clock.now() }));
    rejected(() => authn.authenticate(request(foreign)));
    const unknownKid = signJwt(generateSigningKey(), serviceAccountClaims({ issuer: ISSUER, serviceAccount: sa, audiences: AUDIENCES, expirationSeconds: 3600, now: clock.now() }));
    expect(rejected(() => authn.authenticate(request(unknownKid))).detail).toBe('invalid signature, no keys found');
  });

  it('rejects the token of a deleted or recreated ServiceAccount', () => {
    const { authn, request, tokenFor, store, sa } = setup();
    const token = tokenFor();
    store.remove({ group: '', resource: 'serviceaccounts' }, 'default', 'robot');
    expect(rejected(() => authn.authenticate(request(token))).detail).toBe('serviceaccounts "robot" not found');
    const again = addServiceAccount(store, 'default', 'robot');
    expect(rejected(() => authn.authenticate(request(token))).detail).toBe(
      `service account UID (${again.metadata.uid}) does not match claim (${sa.metadata.uid})`,
    );
  });

  it('rejects a pod-bound token once the pod is gone, and names the pod in extra while it lives', () => {
    const { authn, request, tokenFor, store } = setup();
    const pod = addPod(store, 'default', 'web', { serviceAccountName: 'robot' });
    const token = tokenFor({ pod: { name: 'web', uid: pod.metadata.uid } });
    expect(authn.authenticate(request(token)).extra).toMatchObject({
      'authentication.kubernetes.io/pod-name': ['web'],
      'authentication.kubernetes.io/pod-uid': [pod.metadata.uid],
    });
    store.remove({ group: '', resource: 'pods' }, 'default', 'web');
    expect(rejected(() => authn.authenticate(request(token))).detail).toBe('service account token has been invalidated');
  });

  it('rejects a token meant for another audience', () => {
    const { authn, request, tokenFor } = setup();
    expect(rejected(() => authn.authenticate(request(tokenFor({ audiences: ['vault'] })))).detail).toBe(
      'token audiences ["vault"] is invalid for the target audiences ["https://kubernetes.default.svc"]',
    );
  });

  it('verifies RS256 keys too (what EKS signs with), and keys of earlier rotations', () => {
    const { clock, store } = newStore();
    const sa = addServiceAccount(store, 'default', 'robot');
    const old = generateSigningKey('RS256');
    const config: ServiceAccountTokenConfig = { issuer: ISSUER, signingKey: generateSigningKey('RS256'), previousKeys: [old], apiAudiences: AUDIENCES };
    const authn = createAuthenticator({ tokenAuthenticators: [serviceAccountTokenAuthenticator(config, { store, clock })] });
    const claims = serviceAccountClaims({ issuer: ISSUER, serviceAccount: sa, audiences: AUDIENCES, expirationSeconds: 3600, now: clock.now() });
    for (const key of [config.signingKey, old]) {
      const token = signJwt(key, claims);
      expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).alg).toBe('RS256');
      expect(authn.authenticate({ authorization: `Bearer ${token}`, path: '/api' }).username).toBe('system:serviceaccount:default:robot');
    }
  });

  it('leaves tokens of other issuers to other authenticators', () => {
    const { authn, request, config, sa, clock } = setup();
    const foreign = signJwt(config.signingKey, serviceAccountClaims({ issuer: 'https://elsewhere', serviceAccount: sa, audiences: AUDIENCES, expirationSeconds: 3600, now: clock.now() }));
    expect(rejected(() => authn.authenticate(request(foreign))).detail).toBe('invalid bearer token');
  });

  it('rejects a token nobody recognises', () => {
    const { authn, request } = setup();
    expect(rejected(() => authn.authenticate(request('nonsense'))).detail).toBe('invalid bearer token');
  });

  it('answers 401 to anonymous requests except on the health endpoints, as EKS 1.32 does', () => {
    const { authn, request } = setup();
    const e = caught(() => authn.authenticate(request()));
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(401);
    expect(caught(() => authn.authenticate(request(undefined, '/version'))).code).toBe(401);
    for (const path of ['/healthz', '/livez', '/readyz']) {
      expect(authn.authenticate(request(undefined, path))).toEqual({ username: 'system:anonymous', groups: ['system:unauthenticated'] });
    }
    const open = createAuthenticator({ tokenAuthenticators: [], anonymous: 'all' });
    expect(open.authenticate(request()).username).toBe('system:anonymous');
    const closed = createAuthenticator({ tokenAuthenticators: [], anonymous: 'none' });
    expect(caught(() => closed.authenticate(request(undefined, '/healthz'))).code).toBe(401);
    const withVersion = createAuthenticator({ tokenAuthenticators: [], anonymous: { paths: ['/healthz', '/version'] } });
    expect(withVersion.authenticate(request(undefined, '/version')).username).toBe('system:anonymous');
  });

  it('takes more authenticators without changes to the chain (e.g. EKS IAM tokens)', () => {
    const iam: TokenAuthenticator = {
      name: 'aws-iam',
      authenticate(token) {
        if (!token.startsWith('k8s-aws-v1.')) return undefined;
        if (token === 'k8s-aws-v1.bad') throw new InvalidTokenError('signature mismatch');
        return { user: { username: 'arn:aws:iam::111122223333:user/bob', groups: ['devs'] } };
      },
    };
    const authn = createAuthenticator({ tokenAuthenticators: [staticTokenAuthenticator([]), iam] });
    expect(authn.authenticate({ authorization: 'Bearer k8s-aws-v1.good', path: '/api' })).toEqual({
      username: 'arn:aws:iam::111122223333:user/bob',
      groups: ['devs', 'system:authenticated'],
    });
    expect(rejected(() => authn.authenticate({ authorization: 'Bearer k8s-aws-v1.bad', path: '/api' })).detail).toBe('signature mismatch');
  });

  it('accepts a token passed as a WebSocket subprotocol', () => {
    const { authn } = setup();
    const protocols = `v5.channel.k8s.io, base64url.bearer.authorization.k8s.io.${Buffer.from('admin-secret').toString('base64url')}`;
    expect(authn.authenticate({ path: '/api/v1/namespaces/default/pods/web/exec', websocketProtocols: protocols }).username).toBe('kubernetes-admin');
  });

  it('reads bearer tokens as upstream does', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('  Bearer abc  ')).toBe('abc');
    expect(bearerToken('Bearer  abc')).toBeUndefined();
    expect(bearerToken('Basic dXNlcjpwdw==')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
