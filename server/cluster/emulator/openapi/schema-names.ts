/**
 * Upstream OpenAPI schema names (`io.k8s.api.apps.v1.Deployment`) for the generated client's model names
 * (`V1Deployment`). The client drops the Go package; it keeps a group prefix only where two packages
 * share a type name (`CoreV1EndpointPort`, `DiscoveryV1EndpointPort`). The package is recovered from the
 * Go facts (which know every struct of Kubernetes 1.32 by package), else from the referring type.
 */

const PREFIX_PACKAGES: Record<string, string> = {
  Admissionregistration: 'io.k8s.api.admissionregistration',
  Apiextensions: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
  Apiregistration: 'io.k8s.kube-aggregator.pkg.apis.apiregistration',
  Authentication: 'io.k8s.api.authentication',
  Core: 'io.k8s.api.core',
  Discovery: 'io.k8s.api.discovery',
  Events: 'io.k8s.api.events',
  Flowcontrol: 'io.k8s.api.flowcontrol',
  Rbac: 'io.k8s.api.rbac',
  Resource: 'io.k8s.api.resource',
  Storage: 'io.k8s.api.storage',
};

/** Models whose name does not follow the `<Group?><Version><Type>` pattern. */
const SPECIAL: Record<string, string> = {
  VersionInfo: 'io.k8s.apimachinery.pkg.version.Info',
};

/** When a type name exists in several packages of one version, the first listed package wins. */
const PACKAGE_PREFERENCE = ['io.k8s.apimachinery.pkg.apis.meta', 'io.k8s.api.core'];

const MODEL_NAME = /^([A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/;

export interface ParsedModelName {
  prefixPackage?: string;
  version: string;
  type: string;
}

export function parseModelName(model: string): ParsedModelName | undefined {
  const m = MODEL_NAME.exec(model);
  if (!m) return undefined;
  const [, prefix, version, type] = m;
  const prefixPackage = prefix ? PREFIX_PACKAGES[prefix] : undefined;
  if (prefix && !prefixPackage) return undefined;
  return { ...(prefixPackage ? { prefixPackage } : {}), version: version!.toLowerCase(), type: type! };
}

/** Index of known schema names by `<version>.<Type>`, built from the Go facts' keys. */
export function indexSchemaNames(known: Iterable<string>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const name of known) {
    const parts = name.split('.');
    const key = parts.slice(-2).join('.');
    const list = index.get(key) ?? [];
    list.push(name);
    index.set(key, list);
  }
  return index;
}

/**
 * The schema name of a model. `fallbackPackage` (e.g. `io.k8s.api.apps`) is used for types the facts do
 * not know; without it such models get no name.
 */
export function schemaNameFor(model: string, index: Map<string, string[]>, fallbackPackage?: string): string | undefined {
  const special = SPECIAL[model];
  if (special) return special;
  const parsed = parseModelName(model);
  if (!parsed) return undefined;
  const suffix = `${parsed.version}.${parsed.type}`;
  let candidates = index.get(suffix) ?? [];
  if (parsed.prefixPackage) candidates = candidates.filter((c) => c.startsWith(`${parsed.prefixPackage}.`));
  if (candidates.length > 1) {
    for (const pkg of PACKAGE_PREFERENCE) {
      const preferred = candidates.find((c) => c.startsWith(`${pkg}.`));
      if (preferred) return preferred;
    }
  }
  if (candidates[0]) return candidates[0];
  const pkg = parsed.prefixPackage ?? fallbackPackage;
  return pkg ? `${pkg}.${suffix}` : undefined;
}

/** `io.k8s.api.apps.v1.DeploymentSpec` → `io.k8s.api.apps` (the package without version). */
export function packageOf(schemaName: string): string {
  return schemaName.split('.').slice(0, -2).join('.');
}
