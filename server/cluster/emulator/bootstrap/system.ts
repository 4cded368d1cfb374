/** Cluster-wide objects every EKS 1.32 cluster starts with: namespaces, priority classes, storage. */
import type { KubeObject } from '../meta/types.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export function namespaces(): KubeObject[] {
  return SYSTEM_NAMESPACES.map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }));
}

export function priorityClasses(): KubeObject[] {
  return [
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'system-cluster-critical' },
      value: 2_000_000_000,
      globalDefault: false,
      preemptionPolicy: 'PreemptLowerPriority',
      description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    },
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'system-node-critical' },
      value: 2_000_001_000,
      globalDefault: false,
      preemptionPolicy: 'PreemptLowerPriority',
      description: 'Used for system critical pods that must not be moved from their current node.',
    },
  ];
}

/**
 * gp2 as EKS creates it. Clusters created on 1.30 and later no longer mark it as the default class, so a claim
 * without storageClassName stays Pending until a default is chosen.
 */
export function storageClasses(): KubeObject[] {
  return [
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'gp2',
        // EKS applies it with kubectl apply: the last-applied annotation is there, the default-class one is not.
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration':
            '{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":{},"name":"gp2"},"parameters":{"fsType":"ext4","type":"gp2"},"provisioner":"kubernetes.io/aws-ebs","volumeBindingMode":"WaitForFirstConsumer"}\n',
        },
      },
      provisioner: 'kubernetes.io/aws-ebs',
      parameters: { fsType: 'ext4', type: 'gp2' },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
  ];
}

/** EKS registers the EFS driver on every cluster (Fargate needs it); the EBS driver comes with its add-on. */
export function csiDrivers(ebs: boolean): KubeObject[] {
  const driver = (name: string, attachRequired: boolean, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSIDriver',
    metadata: { name, ...(ebs && name === 'ebs.csi.aws.com' ? { labels: { 'app.kubernetes.io/component': 'csi-driver', 'app.kubernetes.io/managed-by': 'EKS', 'app.kubernetes.io/name': 'aws-ebs-csi-driver', 'app.kubernetes.io/version': '1.41.0' } } : {}) },
    spec: {
      attachRequired,
      fsGroupPolicy: 'ReadWriteOnceWithFSType',
      podInfoOnMount: false,
      requiresRepublish: false,
      seLinuxMount: false,
      storageCapacity: false,
      volumeLifecycleModes: ['Persistent'],
      ...extra,
    },
  });
  return [driver('efs.csi.aws.com', false), ...(ebs ? [driver('ebs.csi.aws.com', true)] : [])];
}

/**
 * What `kubectl get componentstatuses` reports on EKS: the control plane's scheduler, controller manager and
 * etcd, all healthy (kube-apiserver computes these on every request; here they are kept as objects).
 */
export function componentStatuses(): KubeObject[] {
  return ['controller-manager', 'etcd-0', 'scheduler'].map((name) => ({
    apiVersion: 'v1',
    kind: 'ComponentStatus',
    metadata: { name },
    conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
  }));
}
