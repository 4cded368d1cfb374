import type { Verb } from '../apiserver/request-info.ts';
import type { StoredObject } from '../meta/types.ts';
import type { ResourceDef, SubresourceDef } from './types.ts';

const ALL: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CREATE_ONLY: Verb[] = ['create'];
const status: SubresourceDef = { name: 'status', verbs: ['get', 'patch', 'update'] };
const scale: SubresourceDef = {
  name: 'scale',
  responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  verbs: ['get', 'patch', 'update'],
};

type Spec = Omit<ResourceDef, 'storage' | 'verbs' | 'singular'> & { verbs?: Verb[]; singular?: string; storageGroup?: string };

function def(spec: Spec): ResourceDef {
  const { storageGroup, ...rest } = spec;
  return {
    verbs: ALL,
    singular: spec.kind.toLowerCase(),
    ...rest,
    storage: { group: storageGroup ?? spec.group, resource: spec.resource },
  };
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
type Obj = StoredObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };
const field = (o: StoredObject, path: string): string => {
  let v: unknown = o;
  for (const p of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return str(v);
};

const eventFields = (o: StoredObject) => ({
  'involvedObject.kind': field(o, 'involvedObject.kind'),
  'involvedObject.namespace': field(o, 'involvedObject.namespace'),
  'involvedObject.name': field(o, 'involvedObject.name'),
  'involvedObject.uid': field(o, 'involvedObject.uid'),
  'involvedObject.apiVersion': field(o, 'involvedObject.apiVersion'),
  'involvedObject.resourceVersion': field(o, 'involvedObject.resourceVersion'),
  'involvedObject.fieldPath': field(o, 'involvedObject.fieldPath'),
  reason: field(o, 'reason'),
  reportingComponent: field(o, 'reportingComponent'),
  source: field(o, 'source.component'),
  type: field(o, 'type'),
});

/** The built-in API of a Kubernetes 1.32 cluster as EKS serves it (the part the emulator implements). */
export const builtinResources: ResourceDef[] = [
  // core/v1
  def({ group: '', version: 'v1', kind: 'Binding', resource: 'bindings', namespaced: true, verbs: CREATE_ONLY }),
  def({
    group: '', version: 'v1', kind: 'ComponentStatus', resource: 'componentstatuses', namespaced: false, shortNames: ['cs'], verbs: ['get', 'list'],
    deprecationWarning: 'v1 ComponentStatus is deprecated in v1.19+',
  }),
  def({ group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true, shortNames: ['cm'] }),
  def({ group: '', version: 'v1', kind: 'Endpoints', resource: 'endpoints', singular: 'endpoints', namespaced: true, shortNames: ['ep'] }),
  def({ group: '', version: 'v1', kind: 'Event', resource: 'events', namespaced: true, shortNames: ['ev'], selectableFields: eventFields }),
  def({ group: '', version: 'v1', kind: 'LimitRange', resource: 'limitranges', namespaced: true, shortNames: ['limits'] }),
  def({
    group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false, shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [{ name: 'finalize', verbs: ['update'] }, status],
    selectableFields: (o) => ({ 'status.phase': field(o, 'status.phase') }),
  }),
  def({
    group: '', version: 'v1', kind: 'Node', resource: 'nodes', namespaced: false, shortNames: ['no'],
    subresources: [{ name: 'proxy', verbs: ['create', 'delete', 'get', 'patch', 'update'] }, status],
    selectableFields: (o) => ({ 'spec.unschedulable': field(o, 'spec.unschedulable') || 'false' }),
  }),
  def({ group: '', version: 'v1', kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims', namespaced: true, shortNames: ['pvc'], subresources: [status] }),
  def({ group: '', version: 'v1', kind: 'PersistentVolume', resource: 'persistentvolumes', namespaced: false, shortNames: ['pv'], subresources: [status] }),
  def({
    group: '', version: 'v1', kind: 'Pod', resource: 'pods', namespaced: true, shortNames: ['po'], categories: ['all'],
    subresources: [
      { name: 'attach', verbs: ['create', 'get'] },
      { name: 'binding', verbs: ['create'] },
      { name: 'ephemeralcontainers', verbs: ['get', 'patch', 'update'] },
      { name: 'eviction', responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
      { name: 'exec', verbs: ['create', 'get'] },
      { name: 'log', verbs: ['get'] },
      { name: 'portforward', verbs: ['create', 'get'] },
      { name: 'proxy', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      status,
    ],
    selectableFields: (o) => {
      const p = o as Obj;
      return {
        'spec.nodeName': field(p, 'spec.nodeName'),
        'spec.restartPolicy': field(p, 'spec.restartPolicy'),
        'spec.schedulerName': field(p, 'spec.schedulerName'),
        'spec.serviceAccountName': field(p, 'spec.serviceAccountName'),
        'spec.hostNetwork': field(p, 'spec.hostNetwork') || 'false',
        'status.phase': field(p, 'status.phase'),
        'status.podIP': field(p, 'status.podIP'),
        'status.nominatedNodeName': field(p, 'status.nominatedNodeName'),
      };
    },
  }),
  def({ group: '', version: 'v1', kind: 'PodTemplate', resource: 'podtemplates', namespaced: true }),
  def({
    group: '', version: 'v1', kind: 'ReplicationController', resource: 'replicationcontrollers', namespaced: true, shortNames: ['rc'], categories: ['all'],
    subresources: [{ ...scale }, status],
  }),
  def({ group: '', version: 'v1', kind: 'ResourceQuota', resource: 'resourcequotas', namespaced: true, shortNames: ['quota'], subresources: [status] }),
  def({ group: '', version: 'v1', kind: 'Secret', resource: 'secrets', namespaced: true, selectableFields: (o) => ({ type: field(o, 'type') }) }),
  def({
    group: '', version: 'v1', kind: 'ServiceAccount', resource: 'serviceaccounts', namespaced: true, shortNames: ['sa'],
    subresources: [{ name: 'token', responseKind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, verbs: ['create'] }],
  }),
  def({
    group: '', version: 'v1', kind: 'Service', resource: 'services', namespaced: true, shortNames: ['svc'], categories: ['all'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [{ name: 'proxy', verbs: ['create', 'delete', 'get', 'patch', 'update'] }, status],
  }),

  // admissionregistration.k8s.io/v1
  def({ group: 'admissionregistration.k8s.io', version: 'v1', kind: 'MutatingWebhookConfiguration', resource: 'mutatingwebhookconfigurations', namespaced: false, categories: ['api-extensions'] }),
  def({
    group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicy', resource: 'validatingadmissionpolicies', namespaced: false,
    categories: ['api-extensions'], subresources: [status],
  }),
  def({ group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicyBinding', resource: 'validatingadmissionpolicybindings', namespaced: false, categories: ['api-extensions'] }),
  def({ group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration', resource: 'validatingwebhookconfigurations', namespaced: false, categories: ['api-extensions'] }),

  // apiextensions.k8s.io
  def({
    group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', resource: 'customresourcedefinitions',
    namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'], subresources: [status],
  }),

  // apiregistration.k8s.io/v1
  def({ group: 'apiregistration.k8s.io', version: 'v1', kind: 'APIService', resource: 'apiservices', namespaced: false, categories: ['api-extensions'], subresources: [status] }),

  // apps/v1
  def({ group: 'apps', version: 'v1', kind: 'ControllerRevision', resource: 'controllerrevisions', namespaced: true }),
  def({ group: 'apps', version: 'v1', kind: 'DaemonSet', resource: 'daemonsets', namespaced: true, shortNames: ['ds'], categories: ['all'], subresources: [status] }),
  def({ group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespaced: true, shortNames: ['deploy'], categories: ['all'], subresources: [scale, status] }),
  def({
    group: 'apps', version: 'v1', kind: 'ReplicaSet', resource: 'replicasets', namespaced: true, shortNames: ['rs'], categories: ['all'],
    subresources: [scale, status], selectableFields: (o) => ({ 'status.replicas': field(o, 'status.replicas') || '0' }),
  }),
  def({ group: 'apps', version: 'v1', kind: 'StatefulSet', resource: 'statefulsets', namespaced: true, shortNames: ['sts'], categories: ['all'], subresources: [scale, status] }),

  // authentication.k8s.io/v1
  def({ group: 'authentication.k8s.io', version: 'v1', kind: 'SelfSubjectReview', resource: 'selfsubjectreviews', namespaced: false, verbs: CREATE_ONLY }),
  def({ group: 'authentication.k8s.io', version: 'v1', kind: 'TokenReview', resource: 'tokenreviews', namespaced: false, verbs: CREATE_ONLY }),

  // authorization.k8s.io/v1
  def({ group: 'authorization.k8s.io', version: 'v1', kind: 'LocalSubjectAccessReview', resource: 'localsubjectaccessreviews', namespaced: true, verbs: CREATE_ONLY }),
  def({ group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview', resource: 'selfsubjectaccessreviews', namespaced: false, verbs: CREATE_ONLY }),
  def({ group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectRulesReview', resource: 'selfsubjectrulesreviews', namespaced: false, verbs: CREATE_ONLY }),
  def({ group: 'authorization.k8s.io', version: 'v1', kind: 'SubjectAccessReview', resource: 'subjectaccessreviews', namespaced: false, verbs: CREATE_ONLY }),

  // autoscaling
  def({ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers', namespaced: true, shortNames: ['hpa'], categories: ['all'], subresources: [status] }),
  def({ group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers', namespaced: true, shortNames: ['hpa'], categories: ['all'], subresources: [status] }),

  // batch/v1
  def({ group: 'batch', version: 'v1', kind: 'CronJob', resource: 'cronjobs', namespaced: true, shortNames: ['cj'], categories: ['all'], subresources: [status] }),
  def({
    group: 'batch', version: 'v1', kind: 'Job', resource: 'jobs', namespaced: true, categories: ['all'], subresources: [status],
    selectableFields: (o) => ({ 'status.successful': field(o, 'status.succeeded') || '0' }),
  }),

  // certificates, coordination, discovery, events, flowcontrol
  def({
    group: 'certificates.k8s.io', version: 'v1', kind: 'CertificateSigningRequest', resource: 'certificatesigningrequests', namespaced: false, shortNames: ['csr'],
    subresources: [{ name: 'approval', verbs: ['get', 'patch', 'update'] }, status],
    selectableFields: (o) => ({ 'spec.signerName': field(o, 'spec.signerName') }),
  }),
  def({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', resource: 'leases', namespaced: true }),
  def({ group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', resource: 'endpointslices', namespaced: true }),
  def({
    group: 'events.k8s.io', version: 'v1', kind: 'Event', resource: 'events', namespaced: true, shortNames: ['ev'], storageGroup: '',
    selectableFields: eventFields,
  }),

  def({ group: 'flowcontrol.apiserver.k8s.io', version: 'v1', kind: 'FlowSchema', resource: 'flowschemas', namespaced: false, subresources: [status] }),
  def({ group: 'flowcontrol.apiserver.k8s.io', version: 'v1', kind: 'PriorityLevelConfiguration', resource: 'prioritylevelconfigurations', namespaced: false, subresources: [status] }),

  // networking.k8s.io/v1
  def({ group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', resource: 'ingressclasses', namespaced: false }),
  def({ group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', resource: 'ingresses', namespaced: true, shortNames: ['ing'], subresources: [status] }),
  def({ group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', resource: 'networkpolicies', namespaced: true, shortNames: ['netpol'] }),

  // node, policy, rbac, scheduling, storage
  def({ group: 'node.k8s.io', version: 'v1', kind: 'RuntimeClass', resource: 'runtimeclasses', namespaced: false }),
  def({ group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', resource: 'poddisruptionbudgets', namespaced: true, shortNames: ['pdb'], subresources: [status] }),
  def({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', namespaced: false }),
  def({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', resource: 'clusterroles', namespaced: false }),
  def({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', resource: 'rolebindings', namespaced: true }),
  def({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', resource: 'roles', namespaced: true }),
  def({ group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', resource: 'priorityclasses', namespaced: false, shortNames: ['pc'] }),
  def({ group: 'storage.k8s.io', version: 'v1', kind: 'CSIDriver', resource: 'csidrivers', namespaced: false }),
  def({ group: 'storage.k8s.io', version: 'v1', kind: 'CSINode', resource: 'csinodes', namespaced: false }),
  def({ group: 'storage.k8s.io', version: 'v1', kind: 'CSIStorageCapacity', resource: 'csistoragecapacities', namespaced: true }),
  def({ group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', resource: 'storageclasses', namespaced: false, shortNames: ['sc'] }),
  def({ group: 'storage.k8s.io', version: 'v1', kind: 'VolumeAttachment', resource: 'volumeattachments', namespaced: false, subresources: [status] }),
];

/**
 * Served group versions in the order discovery lists them; the first version of a group is its preferred one.
 * autoscaling serves v2 (preferred) and v1.
 */
export const groupOrder = [
  '', 'apiregistration.k8s.io', 'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling', 'batch',
  'certificates.k8s.io', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'admissionregistration.k8s.io',
  'apiextensions.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'node.k8s.io', 'discovery.k8s.io', 'flowcontrol.apiserver.k8s.io',
];
