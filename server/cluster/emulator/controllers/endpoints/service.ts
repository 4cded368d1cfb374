/** What the endpoint controllers read from Services and their pods. */
import { parseTime } from '../../meta/time.ts';
import { fromMap, matches } from '../../meta/selectors.ts';
import { isPodReady, isPodTerminal, podIP, podReadyCondition } from '../shared/objects.ts';
import type { Pod, StoredObject } from '../shared/types.ts';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface Service extends StoredObject {
  spec?: {
    selector?: Record<string, string>;
    ports?: ServicePort[];
    clusterIP?: string;
    clusterIPs?: string[];
    type?: string;
    publishNotReadyAddresses?: boolean;
  };
}

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

/** Services that get endpoints from the controllers: with a selector, not ExternalName. */
export function managedService(svc: Service | undefined): svc is Service {
  return !!svc && svc.spec?.type !== 'ExternalName' && svc.spec?.selector !== undefined && svc.spec.selector !== null;
}

export const isHeadless = (svc: Service): boolean => svc.spec?.clusterIP === 'None';

/** The services of `services` with endpoints that a change of `pod` (from `previous`) may move: those selecting it before or after. */
export function servicesSelecting(services: Service[], pod: StoredObject, previous: StoredObject | undefined): Service[] {
  return services.filter((svc) => {
    if (!managedService(svc)) return false;
    const sel = fromMap(svc.spec?.selector);
    return matches(sel, pod.metadata.labels) || (previous !== undefined && matches(sel, previous.metadata.labels));
  });
}

export function selectedPods(svc: Service, pods: Pod[]): Pod[] {
  const sel = fromMap(svc.spec?.selector);
  return pods.filter((p) => matches(sel, p.metadata.labels)).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

/** A pod with an IP that is not finished (terminating ones only when asked for). */
export function shouldBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!podIP(pod)) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** The container port a service port reaches on this pod (named target ports looked up by name and protocol). */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const proto = sp.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

/** The hostname a headless service publishes for a pod whose subdomain is the service. */
export function hostnameFor(pod: Pod, svc: Service): string | undefined {
  return pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace ? pod.spec.hostname : undefined;
}

export { isPodReady };

/** The newest change that could have moved the endpoints: the service's or a pod's creation or readiness change. */
export function lastChangeTriggerTime(svc: Service, pods: Pod[]): string | undefined {
  let latest = parseTime(svc.metadata.creationTimestamp) ?? 0;
  for (const p of pods) {
    latest = Math.max(latest, parseTime(p.metadata.creationTimestamp) ?? 0, parseTime(podReadyCondition(p)?.lastTransitionTime) ?? 0);
  }
  return latest ? new Date(latest).toISOString().replace('.000Z', 'Z') : undefined;
}

/** Dotted IPv4 (or anything else) ordered as addresses, not as text. */
export function compareIP(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  if (pa.length === 4 && pb.length === 4 && pa.every((n) => !Number.isNaN(n)) && pb.every((n) => !Number.isNaN(n))) {
    for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
    return 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
