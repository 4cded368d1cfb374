import type { Clock } from '../clock.ts';
import { errors, formatValue } from '../meta/errors.ts';
import { formatTime } from '../meta/time.ts';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import {
  serviceAccountClaims,
  signServiceAccountToken,
  type ServiceAccountTokenConfig,
  type TokenBinding,
} from './service-account-claims.ts';

export interface TokenRequestDeps {
  store: ObjectStore;
  clock: Clock;
  config: ServiceAccountTokenConfig;
}

export interface TokenRequestResult {
  /** The `authentication.k8s.io/v1` TokenRequest to answer with (201). */
  object: KubeObject;
  /** Messages for `Warning:` response headers. */
  warnings: string[];
}

interface TokenRequestSpec {
  audiences?: string[] | null;
  expirationSeconds?: number | null;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string } | null;
}

const GROUP = 'authentication.k8s.io';
const KIND = 'TokenRequest';
/** Defaults and limits of `spec.expirationSeconds`. */
const DEFAULT_EXPIRATION = 60 * 60;
const MIN_EXPIRATION = 10 * 60;
const MAX_EXPIRATION = 2 ** 32;
/** What kubelets request for projected tokens; only these get the extended lifetime. */
const KUBELET_EXPIRATION = 60 * 60 + 7;

/**
 * `POST /api/v1/namespaces/<ns>/serviceaccounts/<name>/token` (`kubectl create token`): issues a
 * signed token for the ServiceAccount, optionally bound to a Pod, Secret or Node, with upstream's
 * checks and messages. Throws ApiError (404, 400, 409, 422).
 */
export function issueServiceAccountToken(
  deps: TokenRequestDeps,
  namespace: string,
  serviceAccountName: string,
  body: KubeObject,
): TokenRequestResult {
  const { store, clock, config } = deps;
  const meta = body.metadata ?? {};
  if (meta.name && meta.name !== serviceAccountName) {
    throw invalid(serviceAccountName, 'metadata.name', meta.name, 'must match the service account name if specified');
  }
  if (meta.namespace && meta.namespace !== namespace) {
    throw invalid(serviceAccountName, 'metadata.namespace', meta.namespace, 'must match the service account namespace if specified');
  }
  const sa = store.get({ group: '', resource: 'serviceaccounts' }, namespace, serviceAccountName);
  if (!sa) throw errors.notFound({ group: '', resource: 'serviceaccounts' }, serviceAccountName);

  const spec = (body.spec ?? {}) as TokenRequestSpec;
  const audiences = spec.audiences && spec.audiences.length > 0 ? [...spec.audiences] : [...config.apiAudiences];
  let expirationSeconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION;
  const now = clock.now();
  if (expirationSeconds < MIN_EXPIRATION) {
    throw invalid('', 'spec.expirationSeconds', expirationSeconds, 'may not specify a duration less than 10 minutes');
  }
  if (expirationSeconds > MAX_EXPIRATION) {
    throw invalid('', 'spec.expirationSeconds', expirationSeconds, 'may not specify a duration larger than 2^32 seconds');
  }

  const ref = spec.boundObjectRef ?? undefined;
  const binding = ref ? resolveBinding(store, namespace, serviceAccountName, ref) : undefined;

  const warnings: string[] = [];
  if (config.maxExpirationSeconds && expirationSeconds > config.maxExpirationSeconds) {
    warnings.push(`requested expiration of ${expirationSeconds} seconds shortened to ${config.maxExpirationSeconds} seconds`);
    expirationSeconds = config.maxExpirationSeconds;
  }
  let lifetime = expirationSeconds;
  let warnAfterSeconds: number | undefined;
  const kubeAudiences = audiences.every((a) => config.apiAudiences.includes(a));
  if (config.extendedExpirationSeconds && binding?.pod && expirationSeconds === KUBELET_EXPIRATION && kubeAudiences) {
    warnAfterSeconds = expirationSeconds;
    lifetime = config.extendedExpirationSeconds;
  }

  const claims = serviceAccountClaims({
    issuer: config.issuer,
    serviceAccount: sa,
    ...(binding ? { binding } : {}),
    audiences,
    expirationSeconds: lifetime,
    ...(warnAfterSeconds ? { warnAfterSeconds } : {}),
    now,
  });
  const object: KubeObject = {
    kind: KIND,
    apiVersion: `${GROUP}/v1`,
    metadata: { ...meta, name: serviceAccountName, namespace, creationTimestamp: formatTime(now) },
    spec: { audiences, expirationSeconds, boundObjectRef: ref ?? null },
    status: {
      token: signServiceAccountToken(config, claims),
      expirationTimestamp: formatTime(now + expirationSeconds * 1000),
    },
  };
  return { object, warnings };
}

function resolveBinding(
  store: ObjectStore,
  namespace: string,
  serviceAccountName: string,
  ref: NonNullable<TokenRequestSpec['boundObjectRef']>,
): TokenBinding {
  const kind = ref.kind ?? '';
  const apiVersion = ref.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
  const name = ref.name ?? '';
  const lookup = (resource: string, ns: string | undefined): StoredObject => {
    const obj = store.get({ group: '', resource }, ns, name);
    if (!obj) throw errors.notFound({ group: '', resource }, name);
    return obj;
  };
  let binding: TokenBinding;
  let uid: string;
  if (group === '' && kind === 'Pod') {
    const pod = lookup('pods', namespace);
    const podSpec = (pod as { spec?: { serviceAccountName?: string; nodeName?: string } }).spec;
    if ((podSpec?.serviceAccountName ?? 'default') !== serviceAccountName) {
      throw errors.badRequest(`cannot bind token for serviceaccount "${serviceAccountName}" to pod running with different serviceaccount name.`);
    }
    uid = pod.metadata.uid;
    binding = { pod: { name: pod.metadata.name, uid } };
    if (podSpec?.nodeName) {
      // A node that no longer exists is still named, without its uid.
      const node = store.get({ group: '', resource: 'nodes' }, undefined, podSpec.nodeName);
      binding.node = node ? { name: node.metadata.name, uid: node.metadata.uid } : { name: podSpec.nodeName };
    }
  } else if (group === '' && kind === 'Node') {
    const node = lookup('nodes', undefined);
    uid = node.metadata.uid;
    binding = { node: { name: node.metadata.name, uid } };
  } else if (group === '' && kind === 'Secret') {
    const secret = lookup('secrets', namespace);
    uid = secret.metadata.uid;
    binding = { secret: { name: secret.metadata.name, uid } };
  } else {
    throw errors.badRequest(`cannot bind token to object of type ${group}/${version}, Kind=${kind}`);
  }
  if (ref.uid && ref.uid !== uid) {
    throw errors.conflict(
      { group, resource: kind },
      name,
      `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
    );
  }
  return binding;
}

function invalid(name: string, field: string, value: unknown, detail: string) {
  return errors.invalid(KIND, GROUP, name, [{ field, reason: 'FieldValueInvalid', message: `Invalid value: ${formatValue(value)}: ${detail}` }]);
}
