import type { PolicyRule } from '../rbac/types.ts';

/**
 * The default ClusterRoles of a Kubernetes 1.32 API server that learners meet, as data. Lists are
 * sorted, as the server stores them. `admin`, `edit` and `view` hold no rules of their own: they
 * collect them from the roles their `aggregateFrom` label selects (the `system:aggregate-to-*` roles).
 */
export interface ClusterRoleSpec {
  name: string;
  /** Labels beyond `kubernetes.io/bootstrapping: rbac-defaults`. */
  labels?: Record<string, string>;
  rules?: PolicyRule[];
  /** Aggregates every ClusterRole labelled `<aggregateFrom>: "true"`. */
  aggregateFrom?: string;
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
const TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
const TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

/** A resource rule: verbs on resources of one or more API groups. */
function on(verbs: string[], apiGroups: string | string[], resources: string[]): PolicyRule {
  return { verbs, apiGroups: typeof apiGroups === 'string' ? [apiGroups] : apiGroups, resources };
}

/** A non-resource rule: verbs on URL paths. */
function paths(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { verbs, nonResourceURLs };
}

const CORE = '';

export const clusterRoleSpecs: ClusterRoleSpec[] = [
  {
    name: 'cluster-admin',
    rules: [on(['*'], '*', ['*']), paths(['*'], ['*'])],
  },
  { name: 'admin', aggregateFrom: TO_ADMIN },
  { name: 'edit', labels: { [TO_ADMIN]: 'true' }, aggregateFrom: TO_EDIT },
  { name: 'view', labels: { [TO_EDIT]: 'true' }, aggregateFrom: TO_VIEW },
  {
    name: 'system:aggregate-to-admin',
    labels: { [TO_ADMIN]: 'true' },
    rules: [
      on(['create'], 'authorization.k8s.io', ['localsubjectaccessreviews']),
      on(READ_WRITE, 'rbac.authorization.k8s.io', ['rolebindings', 'roles']),
    ],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: { [TO_EDIT]: 'true' },
    rules: [
      // Reading what lets one reach into pods or secrets is an editor's power, not a viewer's.
      on(READ, CORE, ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy']),
      on(['impersonate'], CORE, ['serviceaccounts']),
      on(WRITE, CORE, ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
      on(['create'], CORE, ['pods/eviction']),
      on(WRITE, CORE, [
        'configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale',
        'secrets', 'serviceaccounts', 'services', 'services/proxy',
      ]),
      on(['create'], CORE, ['serviceaccounts/token']),
      on(WRITE, 'apps', [
        'daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale',
        'statefulsets', 'statefulsets/scale',
      ]),
      on(WRITE, 'autoscaling', ['horizontalpodautoscalers']),
      on(WRITE, 'batch', ['cronjobs', 'jobs']),
      on(WRITE, 'extensions', [
        'daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies',
        'replicasets', 'replicasets/scale', 'replicationcontrollers/scale',
      ]),
      on(WRITE, 'policy', ['poddisruptionbudgets']),
      on(WRITE, 'networking.k8s.io', ['ingresses', 'networkpolicies']),
      on(READ_WRITE, 'coordination.k8s.io', ['leases']),
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: { [TO_VIEW]: 'true' },
    rules: [
      on(READ, CORE, [
        'configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers',
        'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status',
      ]),
      on(READ, CORE, [
        'bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status',
        'resourcequotas', 'resourcequotas/status',
      ]),
      // Reading namespaces within a namespace means reading that namespace: a hint of where one has access.
      on(READ, CORE, ['namespaces']),
      on(READ, 'discovery.k8s.io', ['endpointslices']),
      on(READ, 'apps', [
        'controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status',
        'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status',
      ]),
      on(READ, 'autoscaling', ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
      on(READ, 'batch', ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
      on(READ, 'extensions', [
        'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status',
        'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale',
      ]),
      on(READ, 'policy', ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
      on(READ, 'networking.k8s.io', ['ingresses', 'ingresses/status', 'networkpolicies']),
    ],
  },
  {
    name: 'system:auth-delegator',
    rules: [on(['create'], 'authentication.k8s.io', ['tokenreviews']), on(['create'], 'authorization.k8s.io', ['subjectaccessreviews'])],
  },
  {
    name: 'system:basic-user',
    rules: [
      on(['create'], 'authorization.k8s.io', ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
      on(['create'], 'authentication.k8s.io', ['selfsubjectreviews']),
    ],
  },
  {
    name: 'system:discovery',
    rules: [
      paths(['get'], ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/']),
    ],
  },
  {
    name: 'system:monitoring',
    rules: [paths(['get'], ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'])],
  },
  {
    name: 'system:node',
    rules: [
      on(['create'], 'authentication.k8s.io', ['tokenreviews']),
      on(['create'], 'authorization.k8s.io', ['localsubjectaccessreviews', 'subjectaccessreviews']),
      on(READ, CORE, ['services']),
      on(['create', 'get', 'list', 'watch'], CORE, ['nodes']),
      on(['patch', 'update'], CORE, ['nodes/status']),
      on(['patch', 'update'], CORE, ['nodes']),
      on(['create', 'patch', 'update'], CORE, ['events']),
      on(READ, CORE, ['pods']),
      on(['create', 'delete'], CORE, ['pods']),
      on(['patch', 'update'], CORE, ['pods/status']),
      on(['create'], CORE, ['pods/eviction']),
      on(READ, CORE, ['configmaps', 'secrets']),
      on(['get'], CORE, ['persistentvolumeclaims', 'persistentvolumes']),
      on(['get'], CORE, ['endpoints']),
      on(['create', 'get', 'list', 'watch'], 'certificates.k8s.io', ['certificatesigningrequests']),
      on(['create', 'delete', 'get', 'patch', 'update'], 'coordination.k8s.io', ['leases']),
      on(['get'], 'storage.k8s.io', ['volumeattachments']),
      on(['create'], CORE, ['serviceaccounts/token']),
      on(['get', 'patch', 'update'], CORE, ['persistentvolumeclaims/status']),
      on(READ, 'storage.k8s.io', ['csidrivers']),
      on(['create', 'delete', 'get', 'patch', 'update'], 'storage.k8s.io', ['csinodes']),
      on(READ, 'node.k8s.io', ['runtimeclasses']),
    ],
  },
  {
    name: 'system:node-proxier',
    rules: [
      on(['list', 'watch'], CORE, ['endpoints', 'services']),
      on(READ, CORE, ['nodes']),
      on(['create', 'patch', 'update'], [CORE, 'events.k8s.io'], ['events']),
      on(['list', 'watch'], 'discovery.k8s.io', ['endpointslices']),
    ],
  },
  {
    name: 'system:public-info-viewer',
    rules: [paths(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/'])],
  },
  {
    name: 'system:service-account-issuer-discovery',
    rules: [paths(['get'], ['/.well-known/openid-configuration', '/openid/v1/jwks'])],
  },
];

/** Default ClusterRoleBindings: role name → subjects (`kind:name`). A binding may have no subjects. */
export const clusterRoleBindingSpecs: { role: string; subjects: string[] }[] = [
  { role: 'cluster-admin', subjects: ['Group:system:masters'] },
  { role: 'system:basic-user', subjects: ['Group:system:authenticated'] },
  { role: 'system:discovery', subjects: ['Group:system:authenticated'] },
  { role: 'system:monitoring', subjects: ['Group:system:monitoring'] },
  // Nodes are authorized by the Node authorizer; the binding is kept empty.
  { role: 'system:node', subjects: [] },
  { role: 'system:node-proxier', subjects: ['User:system:kube-proxy'] },
  { role: 'system:public-info-viewer', subjects: ['Group:system:authenticated', 'Group:system:unauthenticated'] },
  { role: 'system:service-account-issuer-discovery', subjects: ['Group:system:serviceaccounts'] },
];
