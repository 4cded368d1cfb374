/**
 * kube-apiserver's health endpoints (`/healthz`, `/livez`, `/readyz`): `ok`, or with `?verbose` one line
 * per named check and `<endpoint> check passed`; `?exclude=<check>` skips a check; `/<endpoint>/<check>`
 * answers for one check. The names are those a 1.31/1.32 API server registers (post-start hooks included);
 * every check passes, since the emulated control plane is up whenever it answers.
 */

const POST_START_HOOKS = [
  'start-apiserver-admission-initializer',
  'generic-apiserver-start-informers',
  'priority-and-fairness-config-consumer',
  'priority-and-fairness-filter',
  'storage-object-count-tracker-hook',
  'start-apiextensions-informers',
  'start-apiextensions-controllers',
  'crd-informer-synced',
  'start-system-namespaces-controller',
  'start-cluster-authentication-info-controller',
  'start-kube-apiserver-identity-lease-controller',
  'start-kube-apiserver-identity-lease-garbage-collector',
  'start-legacy-token-tracking-controller',
  'start-service-ip-repair-controllers',
  'rbac/bootstrap-roles',
  'scheduling/bootstrap-system-priority-classes',
  'priority-and-fairness-config-producer',
  'bootstrap-controller',
  'aggregator-reload-proxy-client-cert',
  'start-kube-aggregator-informers',
  'apiservice-status-local-available-controller',
  'apiservice-status-remote-available-controller',
  'apiservice-registration-controller',
  'apiservice-discovery-controller',
  'kube-apiserver-autoregistration',
].map((hook) => `poststarthook/${hook}`);

const LIVENESS = ['ping', 'log', 'etcd', ...POST_START_HOOKS, 'autoregister-completion', 'poststarthook/apiservice-openapi-controller', 'poststarthook/apiservice-openapiv3-controller'];

/** Readiness adds etcd's readiness, informer sync and the shutdown check, in upstream's order. */
const READINESS = ['ping', 'log', 'etcd', 'etcd-readiness', 'informer-sync', ...LIVENESS.slice(3), 'shutdown'];

export type HealthEndpoint = 'healthz' | 'livez' | 'readyz';

const CHECKS: Record<HealthEndpoint, readonly string[]> = { healthz: LIVENESS, livez: LIVENESS, readyz: READINESS };

export function isHealthEndpoint(name: string | undefined): name is HealthEndpoint {
  return name === 'healthz' || name === 'livez' || name === 'readyz';
}

/**
 * The plain-text answer to `/<endpoint>[/<check>]`: undefined for a check that does not exist (a 404).
 * `query` is the request's query string.
 */
export function healthReport(endpoint: HealthEndpoint, check: string | undefined, query: URLSearchParams): string | undefined {
  const checks = CHECKS[endpoint];
  if (check !== undefined) return checks.includes(check) ? 'ok' : undefined;
  if (!query.has('verbose')) return 'ok';
  const excluded = new Set(query.getAll('exclude'));
  const lines = checks.map((name) => (excluded.delete(name) ? `[+]${name} excluded: ok` : `[+]${name} ok`));
  if (excluded.size > 0) {
    const names = [...excluded].sort().map((n) => JSON.stringify(n)).join(', ');
    lines.push(`warn: some health checks cannot be excluded: no matches for ${names}`);
  }
  return `${lines.join('\n')}\n${endpoint} check passed\n`;
}
