/**
 * The node side of an emulated EKS cluster: kube-scheduler, the kubelets of the simulated nodes (pod lifecycle
 * as data in kubelet/stages), node heartbeats and the node controller, and the volume binder. The log source
 * replays container output from the cluster's state with the same options (seed), so it needs no link to the
 * controllers.
 */
import type { LogSource } from '../apiserver/pieces.ts';
import type { Controller } from '../controllers/types.ts';
import { Kubelet } from './kubelet/kubelet.ts';
import { createLogSource as logSource, type LogCluster } from './kubelet/logs/log-source.ts';
import { NodeLifecycle } from './node/node-lifecycle.ts';
import { NodeSchedulability } from './node/schedulable.ts';
import { resolveOptions, type NodeSimOptions } from './options.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { PvcBinder } from './volumes/pvc-binder.ts';

export type { NodeSimOptions } from './options.ts';
export type { EcrRepository } from './kubelet/images/catalogue.ts';
export type { EventSink, SimEvent } from './events.ts';

/** The controllers, plus handles to stop and start a simulated instance (for labs about node failure). */
export type NodeSimulation = Controller[] & {
  /** The instance stops: its kubelet goes silent; after the grace period the node turns NotReady and its pods are evicted. */
  stopNode(name: string): void;
  /** The instance runs again: Ready, untainted, pods synced. */
  startNode(name: string): void;
  /** A container's main process (an attached interactive shell) exited with `exitCode`. */
  mainProcessExited(namespace: string, pod: string, container: string, exitCode: number): void;
};

export function nodeSimulation(options: NodeSimOptions = {}): NodeSimulation {
  const o = resolveOptions(options);
  const stopped = new Set<string>();
  const kubelet = new Kubelet(o, stopped);
  const lifecycle = new NodeLifecycle(o, stopped, (node) => kubelet.resync(node));
  const controllers: Controller[] = [
    new Scheduler({ events: o.events, instance: o.schedulerInstance }),
    kubelet,
    lifecycle,
    new NodeSchedulability(o),
    new PvcBinder(o),
  ];
  return Object.assign(controllers, {
    stopNode: (name: string) => lifecycle.stopNode(name),
    startNode: (name: string) => lifecycle.startNode(name),
    mainProcessExited: (namespace: string, pod: string, container: string, exitCode: number) => kubelet.mainProcessExited(namespace, pod, container, exitCode),
  });
}

/** `GET …/log` for pods on simulated nodes; pass the options given to `nodeSimulation`. */
export function createLogSource(cluster: LogCluster, options: NodeSimOptions = {}): LogSource {
  return logSource(cluster, options);
}
