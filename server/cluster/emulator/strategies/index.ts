/**
 * The strategies of every served kind, looked up by group and kind (each version of a group/kind gets its
 * own instance, for decode errors and version-specific forms). Every strategy is wrapped so that its
 * validation starts with the ObjectMeta checks upstream runs for all objects; kinds without their own
 * strategy get those checks alone.
 */
import type { Strategies } from '../apiserver/pieces.ts';
import type { ResourceDef } from '../registry/types.ts';
import type { Strategy } from '../registry/strategy.ts';
import { hpaStrategy } from './autoscaling/hpa.ts';
import { priorityClassStrategy, storageClassStrategy } from './cluster/classes.ts';
import { endpointSliceStrategy, leaseStrategy, networkPolicyStrategy, pdbStrategy } from './cluster/misc.ts';
import { eventStrategy } from './core/event.ts';
import { endpointsStrategy, limitRangeStrategy, nodeStrategy, resourceQuotaStrategy, serviceAccountStrategy } from './core/misc.ts';
import { namespaceStrategy } from './core/namespace.ts';
import { podTemplateStrategy } from './core/pod-template.ts';
import { configMapStrategy, secretStrategy } from './core/secret.ts';
import { pvcStrategy, pvStrategy } from './core/volumes.ts';
import { crdStrategy } from './crd/crd.ts';
import { customResourceStrategy } from './crd/custom-resource.ts';
import { kindContext, type StrategyFactory } from './kind.ts';
import { ingressClassStrategy, ingressStrategy } from './networking/ingress.ts';
import { podStrategy } from './pod/strategy.ts';
import { rbacStrategy } from './rbac/rbac.ts';
import { serviceStrategy } from './service/strategy.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './shared/meta.ts';
import { cronJobStrategy } from './workloads/cronjob.ts';
import { daemonSetStrategy } from './workloads/daemonset.ts';
import { deploymentStrategy, replicaSetStrategy } from './workloads/deployment.ts';
import { jobStrategy } from './workloads/job.ts';
import { replicationControllerStrategy } from './workloads/replication-controller.ts';
import { statefulSetStrategy } from './workloads/statefulset.ts';

const RBAC = 'rbac.authorization.k8s.io';

/** `group/Kind` → factory. */
const FACTORIES: Record<string, StrategyFactory> = {
  '/Pod': podStrategy,
  '/PodTemplate': podTemplateStrategy,
  '/ReplicationController': replicationControllerStrategy,
  '/Service': serviceStrategy,
  '/Namespace': namespaceStrategy,
  '/Secret': secretStrategy,
  '/ConfigMap': configMapStrategy,
  '/ServiceAccount': serviceAccountStrategy,
  '/PersistentVolumeClaim': pvcStrategy,
  '/PersistentVolume': pvStrategy,
  '/Node': nodeStrategy,
  '/Endpoints': endpointsStrategy,
  '/LimitRange': limitRangeStrategy,
  '/ResourceQuota': resourceQuotaStrategy,
  '/Event': eventStrategy,
  'events.k8s.io/Event': eventStrategy,
  'apps/Deployment': deploymentStrategy,
  'apps/ReplicaSet': replicaSetStrategy,
  'apps/DaemonSet': daemonSetStrategy,
  'apps/StatefulSet': statefulSetStrategy,
  'batch/Job': jobStrategy,
  'batch/CronJob': cronJobStrategy,
  'autoscaling/HorizontalPodAutoscaler': hpaStrategy,
  [`${RBAC}/Role`]: rbacStrategy,
  [`${RBAC}/ClusterRole`]: rbacStrategy,
  [`${RBAC}/RoleBinding`]: rbacStrategy,
  [`${RBAC}/ClusterRoleBinding`]: rbacStrategy,
  'storage.k8s.io/StorageClass': storageClassStrategy,
  'scheduling.k8s.io/PriorityClass': priorityClassStrategy,
  'coordination.k8s.io/Lease': leaseStrategy,
  'discovery.k8s.io/EndpointSlice': endpointSliceStrategy,
  'policy/PodDisruptionBudget': pdbStrategy,
  'networking.k8s.io/NetworkPolicy': networkPolicyStrategy,
  'networking.k8s.io/Ingress': ingressStrategy,
  'networking.k8s.io/IngressClass': ingressClassStrategy,
  'apiextensions.k8s.io/CustomResourceDefinition': crdStrategy,
};

/** Served by kube-apiserver itself, not by the apiextensions server or the aggregator (see validateObjectMeta). */
const isKubeType = (def: ResourceDef) => !def.custom && def.group !== 'apiextensions.k8s.io' && def.group !== 'apiregistration.k8s.io';

/** Adds the ObjectMeta checks in front of the kind's own validation. */
function withMetaValidation(inner: Strategy, kubeType: boolean): Strategy {
  return {
    ...inner,
    validate(obj, old, ctx) {
      const meta = obj.metadata as unknown as Record<string, unknown>;
      const errs = validateObjectMeta(meta, 'metadata', kubeType);
      if (old) errs.push(...validateObjectMetaUpdate(meta, old.metadata as unknown as Record<string, unknown>));
      errs.push(...(inner.validate?.(obj, old, ctx) ?? []));
      return errs;
    },
  };
}

function build(def: ResourceDef): Strategy {
  const factory = def.custom ? customResourceStrategy : FACTORIES[`${def.group}/${def.kind}`];
  return withMetaValidation(factory ? factory(kindContext(def)) : {}, isKubeType(def));
}

/** Strategies for built-in and custom kinds; one instance per ResourceDef. */
export function createStrategies(): Strategies {
  const cache = new WeakMap<ResourceDef, Strategy>();
  return {
    for(def) {
      let s = cache.get(def);
      if (!s) {
        s = build(def);
        cache.set(def, s);
      }
      return s;
    },
  };
}
