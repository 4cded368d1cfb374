import type { Clock } from '../clock.ts';
import type { StoredObject, UserInfo } from '../meta/types.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { InvalidTokenError, type TokenAuthenticator } from './authenticator.ts';
import { goQuoteList } from './format.ts';
import { parseJwt, verifyJwt } from './jwt.ts';
import type { ObjectRef, ServiceAccountClaims, ServiceAccountTokenConfig } from './service-account-claims.ts';
import {
  EXTRA_CREDENTIAL_ID,
  EXTRA_NODE_NAME,
  EXTRA_NODE_UID,
  EXTRA_POD_NAME,
  EXTRA_POD_UID,
  serviceAccountGroups,
  serviceAccountUsername,
} from './user.ts';

/** Allowed clock skew when checking `exp`, `nbf` and `iat` (go-jose's default leeway). */
const LEEWAY_MS = 60_000;

const SERVICE_ACCOUNTS = { group: '', resource: 'serviceaccounts' };
const PODS = { group: '', resource: 'pods' };
const SECRETS = { group: '', resource: 'secrets' };
const NODES = { group: '', resource: 'nodes' };

/**
 * Validates ServiceAccount JWTs of this cluster's issuer: signature, audience, time window, and that
 * the ServiceAccount (and the pod, secret or node it is bound to) still exists with the same uid.
 * Tokens of another issuer, or not JWTs at all, are left to the next authenticator.
 */
export function serviceAccountTokenAuthenticator(
  config: ServiceAccountTokenConfig,
  deps: { store: ObjectStore; clock: Clock },
): TokenAuthenticator {
  const keys = [config.signingKey, ...(config.previousKeys ?? [])];
  const invalid = (detail: string) => new InvalidTokenError(detail);
  return {
    name: 'service-account-token',
    audienceAware: true,
    authenticate(token, audiences) {
      const jwt = parseJwt(token);
      if (!jwt || jwt.payload.iss !== config.issuer) return undefined;
      const candidates = typeof jwt.header.kid === 'string' && jwt.header.kid !== '' ? keys.filter((k) => k.kid === jwt.header.kid) : keys;
      if (candidates.length === 0) throw invalid('invalid signature, no keys found');
      if (!candidates.some((k) => verifyJwt(jwt, k))) throw invalid('square/go-jose: error in cryptographic primitive');

      const claims = jwt.payload as Partial<ServiceAccountClaims>;
      const tokenAudiences = audienceList(claims.aud);
      const effective = tokenAudiences.length > 0 ? tokenAudiences : [...config.apiAudiences];
      const granted = effective.filter((a) => audiences.includes(a));
      if (granted.length === 0 && config.apiAudiences.length > 0) {
        throw invalid(`token audiences ${goQuoteList(effective)} is invalid for the target audiences ${goQuoteList(audiences)}`);
      }

      const now = deps.clock.now();
      if (typeof claims.nbf === 'number' && now + LEEWAY_MS < claims.nbf * 1000) throw invalid('service account token is not valid yet');
      if (typeof claims.exp === 'number' && now - LEEWAY_MS > claims.exp * 1000) throw invalid('service account token has expired');
      if (typeof claims.iat === 'number' && now + LEEWAY_MS < claims.iat * 1000) throw invalid('service account token is issued in the future');

      const k8s = claims['kubernetes.io'];
      const namespace = k8s?.namespace ?? '';
      const saRef = k8s?.serviceaccount ?? { name: '' };
      const deletedBefore = now - LEEWAY_MS;
      const gone = (o: StoredObject) => o.metadata.deletionTimestamp !== undefined && Date.parse(o.metadata.deletionTimestamp) < deletedBefore;

      const sa = deps.store.get(SERVICE_ACCOUNTS, namespace, saRef.name);
      if (!sa) throw invalid(`serviceaccounts "${saRef.name}" not found`);
      if (sa.metadata.uid !== saRef.uid) throw invalid(`service account UID (${sa.metadata.uid}) does not match claim (${saRef.uid ?? ''})`);
      if (gone(sa)) throw invalid(`service account ${namespace}/${saRef.name} has been deleted`);

      if (k8s?.secret) {
        const secret = deps.store.get(SECRETS, namespace, k8s.secret.name);
        if (!secret) throw invalid('service account token has been invalidated');
        if (secret.metadata.uid !== k8s.secret.uid) {
          throw invalid(`secret UID (${secret.metadata.uid}) does not match service account secret ref claim (${k8s.secret.uid ?? ''})`);
        }
        if (gone(secret)) throw invalid('service account token has been invalidated');
      }
      if (k8s?.pod) {
        const pod = deps.store.get(PODS, namespace, k8s.pod.name);
        if (!pod) throw invalid('service account token has been invalidated');
        if (pod.metadata.uid !== k8s.pod.uid) {
          throw invalid(`pod UID (${pod.metadata.uid}) does not match service account pod ref claim (${k8s.pod.uid ?? ''})`);
        }
        if (gone(pod)) throw invalid('service account token has been invalidated');
      } else if (k8s?.node) {
        const node = deps.store.get(NODES, undefined, k8s.node.name);
        if (!node) throw invalid('service account token has been invalidated');
        if (node.metadata.uid !== k8s.node.uid) {
          throw invalid(`node UID (${node.metadata.uid}) does not match service account node ref claim (${k8s.node.uid ?? ''})`);
        }
        if (gone(node)) throw invalid('service account token has been invalidated');
      }
      return { user: serviceAccountUser(namespace, saRef, k8s, claims.jti), audiences: granted };
    },
  };
}

function serviceAccountUser(
  namespace: string,
  sa: ObjectRef,
  k8s: ServiceAccountClaims['kubernetes.io'] | undefined,
  jti: unknown,
): UserInfo {
  // Keys in Go's (sorted) map order, so that JSON renderings match.
  const extra: Record<string, string[]> = {};
  if (typeof jti === 'string' && jti !== '') extra[EXTRA_CREDENTIAL_ID] = [`JTI=${jti}`];
  if (k8s?.node?.name) {
    extra[EXTRA_NODE_NAME] = [k8s.node.name];
    if (k8s.node.uid) extra[EXTRA_NODE_UID] = [k8s.node.uid];
  }
  if (k8s?.pod?.name && k8s.pod.uid) {
    extra[EXTRA_POD_NAME] = [k8s.pod.name];
    extra[EXTRA_POD_UID] = [k8s.pod.uid];
  }
  return {
    username: serviceAccountUsername(namespace, sa.name),
    ...(sa.uid ? { uid: sa.uid } : {}),
    groups: serviceAccountGroups(namespace),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

function audienceList(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}
