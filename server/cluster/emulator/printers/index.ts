/** Which printer serves which kind, as kube-apiserver wires them (pkg/printers/internalversion and the default table convertor). */
import {
  certificateSigningRequestPrinter,
  csiStorageCapacityPrinter,
  flowSchemaPrinter,
  priorityLevelConfigurationPrinter,
  runtimeClassPrinter,
  validatingAdmissionPolicyBindingPrinter,
  validatingAdmissionPolicyPrinter,
  webhookConfigurationPrinter,
} from './admission.ts';
import { horizontalPodAutoscalerPrinter } from './autoscaling.ts';
import { cronJobPrinter, jobPrinter } from './batch.ts';
import {
  apiServicePrinter,
  componentStatusPrinter,
  leasePrinter,
  namespacePrinter,
  podDisruptionBudgetPrinter,
  priorityClassPrinter,
  resourceQuotaPrinter,
} from './cluster.ts';
import { configMapPrinter, secretPrinter, serviceAccountPrinter } from './config.ts';
import { defaultPrinter } from './default.ts';
import { eventPrinter } from './event.ts';
import { ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './ingress.ts';
import { nodePrinter } from './node.ts';
import { podPrinter } from './pod.ts';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac.ts';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './service.ts';
import {
  csiDriverPrinter,
  csiNodePrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  storageClassPrinter,
  volumeAttachmentPrinter,
} from './storage.ts';
import type { TablePrinter } from './types.ts';
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  podTemplatePrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads.ts';

export type { Cell, ColumnDefinition, PrintContext, TablePrinter, TableRowCondition } from './types.ts';
export { customResourcePrinter, type PrinterColumn } from './custom-resource.ts';
export { defaultPrinter } from './default.ts';
export { humanDuration, translateTimestampSince } from './duration.ts';

/** Keyed by `group/Kind` (core group: `/Kind`). Every version of a kind prints alike, after conversion. */
const printers: Record<string, TablePrinter> = {
  '/Pod': podPrinter,
  '/PodTemplate': podTemplatePrinter,
  '/ReplicationController': replicationControllerPrinter,
  '/Service': servicePrinter,
  '/Endpoints': endpointsPrinter,
  '/Node': nodePrinter,
  '/Event': eventPrinter,
  '/Namespace': namespacePrinter,
  '/Secret': secretPrinter,
  '/ServiceAccount': serviceAccountPrinter,
  '/ConfigMap': configMapPrinter,
  '/PersistentVolume': persistentVolumePrinter,
  '/PersistentVolumeClaim': persistentVolumeClaimPrinter,
  '/ResourceQuota': resourceQuotaPrinter,
  '/ComponentStatus': componentStatusPrinter,
  'apps/Deployment': deploymentPrinter,
  'apps/ReplicaSet': replicaSetPrinter,
  'apps/StatefulSet': statefulSetPrinter,
  'apps/DaemonSet': daemonSetPrinter,
  'apps/ControllerRevision': controllerRevisionPrinter,
  'batch/Job': jobPrinter,
  'batch/CronJob': cronJobPrinter,
  'autoscaling/HorizontalPodAutoscaler': horizontalPodAutoscalerPrinter,
  'events.k8s.io/Event': eventPrinter,
  'discovery.k8s.io/EndpointSlice': endpointSlicePrinter,
  'networking.k8s.io/Ingress': ingressPrinter,
  'networking.k8s.io/IngressClass': ingressClassPrinter,
  'networking.k8s.io/NetworkPolicy': networkPolicyPrinter,
  'policy/PodDisruptionBudget': podDisruptionBudgetPrinter,
  'rbac.authorization.k8s.io/RoleBinding': roleBindingPrinter,
  'rbac.authorization.k8s.io/ClusterRoleBinding': clusterRoleBindingPrinter,
  'coordination.k8s.io/Lease': leasePrinter,
  'scheduling.k8s.io/PriorityClass': priorityClassPrinter,
  'storage.k8s.io/StorageClass': storageClassPrinter,
  'storage.k8s.io/CSIDriver': csiDriverPrinter,
  'storage.k8s.io/CSINode': csiNodePrinter,
  'storage.k8s.io/VolumeAttachment': volumeAttachmentPrinter,
  'apiregistration.k8s.io/APIService': apiServicePrinter,
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': webhookConfigurationPrinter,
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': webhookConfigurationPrinter,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy': validatingAdmissionPolicyPrinter,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding': validatingAdmissionPolicyBindingPrinter,
  'flowcontrol.apiserver.k8s.io/FlowSchema': flowSchemaPrinter,
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration': priorityLevelConfigurationPrinter,
  'certificates.k8s.io/CertificateSigningRequest': certificateSigningRequestPrinter,
  'node.k8s.io/RuntimeClass': runtimeClassPrinter,
  'storage.k8s.io/CSIStorageCapacity': csiStorageCapacityPrinter,
};

/**
 * The printer of a built-in kind. Kinds upstream has no printer for (Role, ClusterRole, LimitRange,
 * CustomResourceDefinition…) get the default table: NAME and CREATED AT.
 */
export function printerFor(group: string, kind: string): TablePrinter {
  return printers[`${group}/${kind}`] ?? defaultPrinter;
}
