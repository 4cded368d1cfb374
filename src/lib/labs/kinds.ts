/**
 * Built-in Kubernetes kinds a check may name without `apiVersion`: the version to use, the
 * resource name in URLs, and whether objects live in a namespace. Custom resources are not here;
 * checks name them with `apiVersion` and the cluster's discovery says the rest.
 */

export interface KindInfo {
  kind: string;
  apiVersion: string;
  /** Plural resource name, as in URLs and `kubectl get`: `deployments`. */
  plural: string;
  namespaced: boolean;
}

const table: [kind: string, apiVersion: string, plural: string, namespaced: boolean][] = [
  ['Pod', 'v1', 'pods', true],
  ['Service', 'v1', 'services', true],
  ['ConfigMap', 'v1', 'configmaps', true],
  ['Secret', 'v1', 'secrets', true],
  ['ServiceAccount', 'v1', 'serviceaccounts', true],
  ['PersistentVolumeClaim', 'v1', 'persistentvolumeclaims', true],
  ['Endpoints', 'v1', 'endpoints', true],
  ['Event', 'v1', 'events', true],
  ['ResourceQuota', 'v1', 'resourcequotas', true],
  ['LimitRange', 'v1', 'limitranges', true],
  ['ReplicationController', 'v1', 'replicationcontrollers', true],
  ['Namespace', 'v1', 'namespaces', false],
  ['Node', 'v1', 'nodes', false],
  ['PersistentVolume', 'v1', 'persistentvolumes', false],
  ['Deployment', 'apps/v1', 'deployments', true],
  ['ReplicaSet', 'apps/v1', 'replicasets', true],
  ['StatefulSet', 'apps/v1', 'statefulsets', true],
  ['DaemonSet', 'apps/v1', 'daemonsets', true],
  ['ControllerRevision', 'apps/v1', 'controllerrevisions', true],
  ['Job', 'batch/v1', 'jobs', true],
  ['CronJob', 'batch/v1', 'cronjobs', true],
  ['Ingress', 'networking.k8s.io/v1', 'ingresses', true],
  ['NetworkPolicy', 'networking.k8s.io/v1', 'networkpolicies', true],
  ['IngressClass', 'networking.k8s.io/v1', 'ingressclasses', false],
  ['EndpointSlice', 'discovery.k8s.io/v1', 'endpointslices', true],
  ['HorizontalPodAutoscaler', 'autoscaling/v2', 'horizontalpodautoscalers', true],
  ['PodDisruptionBudget', 'policy/v1', 'poddisruptionbudgets', true],
  ['Role', 'rbac.authorization.k8s.io/v1', 'roles', true],
  ['RoleBinding', 'rbac.authorization.k8s.io/v1', 'rolebindings', true],
  ['ClusterRole', 'rbac.authorization.k8s.io/v1', 'clusterroles', false],
  ['ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', 'clusterrolebindings', false],
  ['StorageClass', 'storage.k8s.io/v1', 'storageclasses', false],
  ['CustomResourceDefinition', 'apiextensions.k8s.io/v1', 'customresourcedefinitions', false],
  ['Lease', 'coordination.k8s.io/v1', 'leases', true],
  ['PriorityClass', 'scheduling.k8s.io/v1', 'priorityclasses', false],
];

export const builtinKinds: readonly KindInfo[] = table.map(([kind, apiVersion, plural, namespaced]) => ({
  kind,
  apiVersion,
  plural,
  namespaced,
}));

const byLowerKind = new Map(builtinKinds.map((k) => [k.kind.toLowerCase(), k]));

/** The built-in kind of this name (any letter case), if it is one. */
export function builtinKind(kind: string): KindInfo | undefined {
  return byLowerKind.get(kind.toLowerCase());
}

/**
 * What a check's `kind` (and optional `apiVersion`) means: a built-in kind gets its canonical spelling
 * and version; anything else needs `apiVersion` (undefined otherwise).
 */
export function resolveKind(kind: string, apiVersion?: string): { kind: string; apiVersion: string; builtin?: KindInfo } | undefined {
  const builtin = builtinKind(kind);
  if (apiVersion) {
    const same = builtin && builtin.apiVersion === apiVersion ? builtin : undefined;
    return { kind: same?.kind ?? kind, apiVersion, ...(same ? { builtin: same } : {}) };
  }
  return builtin ? { kind: builtin.kind, apiVersion: builtin.apiVersion, builtin } : undefined;
}

/** Plural a learner would recognise, for messages: `deployments`; a guess for custom kinds. */
export function pluralOf(kind: string): string {
  const builtin = builtinKind(kind);
  if (builtin) return builtin.plural;
  const lower = kind.toLowerCase();
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}
