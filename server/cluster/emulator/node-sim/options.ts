/** Options of the node simulation, shared by its controllers and its log source (which must agree on the seed). */
import type { ControllerContext } from '../controllers/types.ts';
import type { StoredObject } from '../meta/types.ts';
import { RecorderSink, type EventSink } from './events.ts';
import type { EcrRepository } from './kubelet/images/catalogue.ts';

export interface NodeSimOptions {
  /** Seeds every random choice (delays, IDs, pod IPs, log timing): one seed, one behaviour. Default `podium`. */
  seed?: string;
  /**
   * Multiplies the kubelet's and controllers' own delays (image pulls, start-up, back-off, attach, provisioning)
   * so tests and benchmarks can run faster; the containers' programs keep their time (`sleep 5` is 5 s). Default 1.
   */
  timeScale?: number;
  /** The cluster's AWS account and region: whose ECR the nodes can pull from. */
  accountId?: string;
  region?: string;
  /** Repositories pushed to the account's ECR, by name. */
  ecr?: Record<string, EcrRepository>;
  /** The VPC resolver DNS errors name (VPC base + 2). Default 192.168.0.2. */
  dnsResolver?: string;
  /**
   * How often a node renews its Lease. kubelet renews every 10 s; 30 s keeps the watch history of hundreds
   * of clusters quiet while staying inside the 40 s lease duration, so no lease ever looks expired.
   */
  leaseRenewSeconds?: number;
  /** How long a node may stay silent before the node controller marks it NotReady (kube-controller-manager: 40 s). */
  nodeMonitorGracePeriodSeconds?: number;
  /** How long pods tolerate an unreachable node before eviction when they say nothing (DefaultTolerationSeconds: 300). */
  defaultTolerationSeconds?: number;
  /** `reportingInstance` of scheduler events. */
  schedulerInstance?: string;
  /** Where events go; default: the control plane's recorder. */
  events?: (ctx: ControllerContext) => EventSink;
  /**
   * Runs the network programs (wget, curl, nslookup) of containers' own processes against the cluster's
   * simulated network; without it they fail as they do without a network.
   */
  processNetwork?: ProcessNetworkHook;
}

/** A network program run in a container of a pod: its output, exit status and the time it took (ms). */
export type ProcessNetworkHook = (pod: StoredObject, container: string, argv: string[]) => { stdout: string; stderr: string; code: number; ms: number } | undefined;

export type ResolvedOptions = Required<Omit<NodeSimOptions, 'events' | 'processNetwork'>> & {
  events: (ctx: ControllerContext) => EventSink;
  processNetwork?: ProcessNetworkHook;
};

export function resolveOptions(o: NodeSimOptions): ResolvedOptions {
  return {
    seed: o.seed ?? 'podium',
    timeScale: o.timeScale ?? 1,
    accountId: o.accountId ?? '000000000000',
    region: o.region ?? 'us-west-2',
    ecr: o.ecr ?? {},
    dnsResolver: o.dnsResolver ?? '192.168.0.2',
    leaseRenewSeconds: o.leaseRenewSeconds ?? 30,
    nodeMonitorGracePeriodSeconds: o.nodeMonitorGracePeriodSeconds ?? 40,
    defaultTolerationSeconds: o.defaultTolerationSeconds ?? 300,
    schedulerInstance: o.schedulerInstance ?? 'default-scheduler-ip-10-0-61-14.us-west-2.compute.internal',
    events: o.events ?? ((ctx) => new RecorderSink(ctx)),
    ...(o.processNetwork ? { processNetwork: o.processNetwork } : {}),
  };
}
