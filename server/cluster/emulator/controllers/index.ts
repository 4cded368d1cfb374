/**
 * The workload control loops of an emulated cluster, for the cluster assembly:
 *
 *   new EmulatedCluster({ controllers: [...workloadControllers({ caPem }), scheduler, kubelet…] })
 *
 * Controllers keep per-cluster state: call `workloadControllers` once per cluster.
 */
import { CronJobController } from './cronjob/controller.ts';
import { DaemonSetController } from './daemonset/controller.ts';
import { DeploymentController } from './deployment/controller.ts';
import { DisruptionController } from './disruption/controller.ts';
import { ResourceQuotaController } from '../quota/controller.ts';
import { EndpointsController } from './endpoints/controller.ts';
import { EndpointSliceController } from './endpoints/slices.ts';
import { EventTtlController } from './events/ttl.ts';
import { GarbageCollector } from './gc/controller.ts';
import { HorizontalPodAutoscalerController } from './hpa/controller.ts';
import { JobController } from './job/controller.ts';
import { TtlAfterFinishedController } from './job/ttl.ts';
import { NamespaceController } from './namespace/controller.ts';
import { ReplicaSetController } from './replicaset/controller.ts';
import { ServiceAccountController } from './serviceaccount/controller.ts';
import { RootCaPublisher } from './serviceaccount/root-ca.ts';
import { StatefulSetController } from './statefulset/controller.ts';
import type { Controller } from './types.ts';

export interface WorkloadControllerOptions {
  /** The cluster CA bundle (PEM) published as `ca.crt` in every namespace's `kube-root-ca.crt`; omitted: no publisher. */
  caPem?: string;
  /** How long events live after their last update (kube-apiserver --event-ttl, default 1h). */
  eventTtlMs?: number;
  /** The HPA controller's sync period (default 15s). */
  hpaSyncPeriodMs?: number;
}

export function workloadControllers(options: WorkloadControllerOptions = {}): Controller[] {
  return [
    new EventTtlController(options.eventTtlMs),
    new NamespaceController(),
    new ServiceAccountController(),
    ...(options.caPem !== undefined ? [new RootCaPublisher(options.caPem)] : []),
    new GarbageCollector(),
    new DeploymentController(),
    new ReplicaSetController(),
    new DaemonSetController(),
    new StatefulSetController(),
    new JobController(),
    new TtlAfterFinishedController(),
    new CronJobController(),
    new EndpointsController(),
    new EndpointSliceController(),
    new HorizontalPodAutoscalerController(options.hpaSyncPeriodMs),
    new DisruptionController(),
    new ResourceQuotaController(),
  ];
}

export { evictPod, type EvictionDeps } from './disruption/eviction.ts';
export { createEventRecorder, EventRecorder, referenceTo, EVENT_TTL_MS, type EventType, type RecorderOptions, type EventDetails } from './events.ts';
export {
  CronJobController,
  DaemonSetController,
  DeploymentController,
  EndpointsController,
  EndpointSliceController,
  EventTtlController,
  GarbageCollector,
  HorizontalPodAutoscalerController,
  JobController,
  NamespaceController,
  ReplicaSetController,
  RootCaPublisher,
  ServiceAccountController,
  StatefulSetController,
  TtlAfterFinishedController,
};
