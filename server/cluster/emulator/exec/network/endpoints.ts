/** Which pods back a Service: selected, running, ready and not terminating (what the EndpointSlice controller publishes). */
import { fromMap, matches } from '../../meta/selectors.ts';
import { arr, num, rec, str, type ClusterReader, type Obj } from '../container/cluster-reader.ts';

export function isReady(pod: Obj): boolean {
  const status = rec(pod.status);
  if (rec(pod.metadata).deletionTimestamp) return false;
  if (str(status.phase) !== 'Running' || !str(status.podIP)) return false;
  return arr(status.conditions).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function readyEndpoints(reader: ClusterReader, svc: Obj): Obj[] {
  const spec = rec(svc.spec);
  const selector = rec(spec.selector) as Record<string, string>;
  if (Object.keys(selector).length === 0) return [];
  const ns = str(rec(svc.metadata).namespace);
  const sel = fromMap(selector);
  return reader.pods(ns).filter((p) => matches(sel, rec(rec(p.metadata).labels) as Record<string, string>) && (isReady(p) || spec.publishNotReadyAddresses === true));
}

/** The pod port a Service port sends to: a number, or a named container port of that pod. */
export function targetPort(servicePort: Record<string, unknown>, pod: Obj): number | undefined {
  const t = servicePort.targetPort ?? servicePort.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(str(t))) return Number(t);
  for (const c of arr(rec(pod.spec).containers)) for (const p of arr(c.ports)) if (str(p.name) === str(t)) return num(p.containerPort);
  return undefined;
}
