/** ServiceAccounts of kube-system on a fresh EKS cluster: the add-ons' and kube-controller-manager's controllers' (`default` comes from the ServiceAccount controller). */
import type { KubeObject } from '../meta/types.ts';

const CONTROLLER_ACCOUNTS = [
  'attachdetach-controller',
  'aws-cloud-provider',
  'aws-node',
  'certificate-controller',
  'clusterrole-aggregation-controller',
  'coredns',
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'disruption-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'ephemeral-volume-controller',
  'expand-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'kube-proxy',
  'legacy-service-account-token-cleaner',
  'namespace-controller',
  'node-controller',
  'persistent-volume-binder',
  'pod-garbage-collector',
  'pv-protection-controller',
  'pvc-protection-controller',
  'replicaset-controller',
  'replication-controller',
  'resourcequota-controller',
  'root-ca-cert-publisher',
  'service-account-controller',
  'service-controller',
  'statefulset-controller',
  'tagging-controller',
  'ttl-after-finished-controller',
  'ttl-controller',
  'validatingadmissionpolicy-status-controller',
];

const sa = (name: string, namespace: string, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace, ...(labels ? { labels } : {}) },
});

export function serviceAccounts(ebsCsiDriver: boolean): KubeObject[] {
  const addonLabels: Record<string, Record<string, string>> = {
    'aws-node': { 'app.kubernetes.io/instance': 'aws-vpc-cni', 'app.kubernetes.io/name': 'aws-node', 'app.kubernetes.io/version': 'v1.19.2' },
    coredns: { 'eks.amazonaws.com/component': 'coredns', 'k8s-app': 'kube-dns' },
    'kube-proxy': { 'eks.amazonaws.com/component': 'kube-proxy' },
  };
  return [
    ...CONTROLLER_ACCOUNTS.map((name) => sa(name, 'kube-system', addonLabels[name])),
    ...(ebsCsiDriver ? [sa('ebs-csi-controller-sa', 'kube-system'), sa('ebs-csi-node-sa', 'kube-system')] : []),
  ].sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
}
