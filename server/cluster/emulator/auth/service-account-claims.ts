import { randomUUID } from 'node:crypto';
import type { StoredObject } from '../meta/types.ts';
import { signJwt } from './jwt.ts';
import type { SigningKey } from './signing-key.ts';
import { serviceAccountUsername } from './user.ts';

/** How one cluster issues and accepts ServiceAccount tokens (upstream's `--service-account-*` flags). */
export interface ServiceAccountTokenConfig {
  /** `iss` of issued tokens, the only issuer accepted. EKS: `eksIssuer(region, id)`. */
  issuer: string;
  /** Signs new tokens and verifies them. */
  signingKey: SigningKey;
  /** Keys of earlier rotations whose tokens stay valid. */
  previousKeys?: readonly SigningKey[];
  /** `--api-audiences`: the default audience of new tokens and what an API request's token must be meant for. */
  apiAudiences: readonly string[];
  /** `--service-account-max-token-expiration`: longer requests are shortened, with a warning. */
  maxExpirationSeconds?: number;
  /**
   * When set, pod-bound tokens requested for 3607 s (what kubelets ask for) live this long instead,
   * with a `warnafter` claim (`--service-account-extend-token-expiration`; EKS extends to 90 days).
   */
  extendedExpirationSeconds?: number;
}

/** The issuer URL of an EKS cluster's OIDC provider. */
export function eksIssuer(region: string, id: string): string {
  return `https://oidc.eks.${region}.amazonaws.com/id/${id}`;
}

export interface ObjectRef {
  name: string;
  uid?: string;
}

/** The claims of a bound ServiceAccount token, named as on the wire. */
export interface ServiceAccountClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  'kubernetes.io': {
    namespace: string;
    serviceaccount: ObjectRef;
    pod?: ObjectRef;
    secret?: ObjectRef;
    node?: ObjectRef;
    warnafter?: number;
  };
}

/** What a token is bound to besides its ServiceAccount. A pod-bound token may also name the pod's node. */
export interface TokenBinding {
  pod?: ObjectRef;
  secret?: ObjectRef;
  node?: ObjectRef;
}

export interface ClaimsInput {
  issuer: string;
  serviceAccount: StoredObject;
  binding?: TokenBinding;
  audiences: readonly string[];
  /** Lifetime written into `exp`. */
  expirationSeconds: number;
  /** Seconds after which a still-valid extended token counts as stale. */
  warnAfterSeconds?: number;
  /** Milliseconds since the epoch. */
  now: number;
}

/** The claims of a new token: issued now, valid from now, a fresh `jti`, bound to what `binding` names. */
export function serviceAccountClaims(input: ClaimsInput): ServiceAccountClaims {
  const now = Math.floor(input.now / 1000);
  const { name, namespace = '', uid } = input.serviceAccount.metadata;
  const { pod, secret, node } = input.binding ?? {};
  return {
    iss: input.issuer,
    sub: serviceAccountUsername(namespace, name),
    aud: [...input.audiences],
    exp: now + input.expirationSeconds,
    iat: now,
    nbf: now,
    jti: randomUUID(),
    'kubernetes.io': {
      namespace,
      serviceaccount: { name, uid },
      ...(pod ? { pod: ref(pod) } : {}),
      ...(secret ? { secret: ref(secret) } : {}),
      ...(node ? { node: ref(node) } : {}),
      ...(input.warnAfterSeconds ? { warnafter: now + input.warnAfterSeconds } : {}),
    },
  };
}

/** The compact JWS of `claims`, signed with the cluster's current key. */
export function signServiceAccountToken(config: ServiceAccountTokenConfig, claims: ServiceAccountClaims): string {
  return signJwt(config.signingKey, claims);
}

function ref(r: ObjectRef): ObjectRef {
  return { name: r.name, ...(r.uid ? { uid: r.uid } : {}) };
}
