/**
 * Where a connection from a pod to `ip:port` ends up, as kube-proxy and the VPC route it: a Service's ClusterIP or
 * NodePort to one of its ready endpoints, a pod IP to that pod, the API server's Service to the API server; an
 * address nobody has times out, a port nobody listens on is refused.
 */
import type { HttpRequest, HttpResponse } from '../http-message.ts';
import type { Exchange, FileSystem } from '../shell/system.ts';
import { arr, num, rec, str, type ClusterReader, type Obj } from '../container/cluster-reader.ts';
import { podHostname } from '../container/etc-files.ts';
import type { ImageSource } from '../container/image.ts';
import { defaultApiAnswer } from './api-answer.ts';
import { readyEndpoints, targetPort } from './endpoints.ts';
import { podListeners } from './listeners.ts';
import { serve } from './servers.ts';

export interface RoutingDeps {
  reader: ClusterReader;
  images: ImageSource;
  /** The file tree of a container of any pod (nginx and httpd serve from it). */
  fsOf(pod: Obj, containerName: string): FileSystem | undefined;
  now(): number;
  /** Answers requests to the API server's Service; a 401/403 fallback otherwise. */
  apiServer?(req: HttpRequest): HttpResponse;
  /** Round-robin position per Service. */
  turns: Map<string, number>;
  /** Told of every request a simulated server answered (for access logs). */
  onServed?(e: ServedRequest): void;
}

export interface ServedRequest {
  namespace: string;
  pod: string;
  container: string;
  request: HttpRequest;
  response: HttpResponse;
  time: number;
}

/** Reports an answered request to `onServed`. */
export function served(deps: RoutingDeps, pod: Obj, container: string, request: HttpRequest, response: HttpResponse): void {
  const meta = rec(pod.metadata);
  deps.onServed?.({ namespace: str(meta.namespace), pod: str(meta.name), container, request, response, time: deps.now() });
}

export type Destination =
  | { kind: 'pod'; pod: Obj; port: number }
  | { kind: 'api' }
  | { kind: 'refused' }
  | { kind: 'timeout' }
  | { kind: 'empty' };

function allServices(reader: ClusterReader): Obj[] {
  return reader.services();
}

/** Where a connection to a Service's port goes: one of its ready endpoints, in turn. */
export function viaService(deps: RoutingDeps, svc: Obj, servicePort: Record<string, unknown>): Destination {
  const meta = rec(svc.metadata);
  if (str(meta.namespace) === 'default' && str(meta.name) === 'kubernetes') return { kind: 'api' };
  if (str(meta.namespace) === 'kube-system' && num(servicePort.port) === 53) return { kind: 'empty' };
  const pods = readyEndpoints(deps.reader, svc).filter((p) => targetPort(servicePort, p) !== undefined);
  if (pods.length === 0) return { kind: 'refused' };
  const key = `${str(meta.namespace)}/${str(meta.name)}`;
  const turn = deps.turns.get(key) ?? 0;
  deps.turns.set(key, turn + 1);
  const pod = pods[turn % pods.length]!;
  return { kind: 'pod', pod, port: targetPort(servicePort, pod)! };
}

export function route(deps: RoutingDeps, self: Obj, ip: string, port: number): Destination {
  if (ip === '127.0.0.1' || ip === str(rec(self.status).podIP)) return { kind: 'pod', pod: self, port };
  for (const svc of allServices(deps.reader)) {
    const spec = rec(svc.spec);
    const ips = [str(spec.clusterIP), ...(Array.isArray(spec.clusterIPs) ? spec.clusterIPs.map(str) : [])];
    if (!ips.includes(ip)) continue;
    const p = arr(spec.ports).find((x) => num(x.port) === port && (str(x.protocol) || 'TCP') === 'TCP');
    return p ? viaService(deps, svc, p) : { kind: 'timeout' };
  }
  const pod = deps.reader.pods().find((p) => str(rec(p.status).podIP) === ip && !rec(p.spec).hostNetwork);
  if (pod) return str(rec(pod.status).phase) === 'Running' ? { kind: 'pod', pod, port } : { kind: 'timeout' };
  const isNode = deps.reader.pods().some((p) => str(rec(p.status).hostIP) === ip);
  if (isNode) {
    for (const svc of allServices(deps.reader)) {
      const p = arr(rec(svc.spec).ports).find((x) => num(x.nodePort) === port);
      if (p) return viaService(deps, svc, p);
    }
    return { kind: 'refused' };
  }
  return { kind: 'timeout' };
}

export function exchange(deps: RoutingDeps, self: Obj, ip: string, port: number, req: HttpRequest, tls: boolean): Exchange {
  const dest = route(deps, self, ip, port);
  switch (dest.kind) {
    case 'refused':
    case 'timeout':
    case 'empty':
      return { ok: false, error: dest.kind };
    case 'api': {
      if (!tls) {
        const body = 'Client sent an HTTP request to an HTTPS server.\n';
        return { ok: true, response: { status: 400, reason: 'Bad Request', headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Connection', 'close']], body } };
      }
      const response = deps.apiServer?.(req) ?? defaultApiAnswer(req, deps.now());
      return { ok: true, response, untrusted: true };
    }
    case 'pod':
      return podExchange(deps, dest.pod, dest.port, req, tls);
  }
}

/** One request to a pod's port, as the container listening there answers it. */
export function podExchange(deps: RoutingDeps, pod: Obj, port: number, req: HttpRequest, tls: boolean): Exchange {
  const listener = podListeners(pod, deps.images, (name) => deps.fsOf(pod, name)).find((l) => l.port === port);
  if (!listener) return { ok: false, error: 'refused' };
  if (tls) return { ok: false, error: listener.http ? 'wrong-version' : 'reset' };
  const fs = listener.server === 'nginx' || listener.server === 'httpd' ? deps.fsOf(pod, str(listener.container.name)) : undefined;
  const result = serve({ listener, hostname: podHostname(pod), ...(fs ? { fs } : {}), now: deps.now() }, req);
  if (result === 'empty') return { ok: false, error: 'empty' };
  served(deps, pod, str(listener.container.name), req, result);
  return { ok: true, response: result };
}
