/**
 * The API server's proxy subresources (`services/<name>/proxy/…`, `pods/<name>/proxy/…`,
 * `nodes/<name>/proxy/…`), as `kubectl proxy` and `kubectl get --raw` use them: the request goes to a ready
 * endpoint of the Service, or to the pod, and the simulated server there answers. Refusals are worded as
 * kube-apiserver words them; a backend that cannot be reached gives `503 error trying to reach service: …`.
 */
import type { ProxyRequest } from '../../apiserver/http/runtime.ts';
import { ApiError, errors } from '../../meta/errors.ts';
import type { HttpRequest, HttpResponse } from '../http-message.ts';
import type { Exchange } from '../shell/system.ts';
import { arr, num, rec, str, type Obj } from '../container/cluster-reader.ts';
import { podExchange, viaService, type RoutingDeps } from './routing.ts';
import { kubeletAnswer } from './kubelet-answer.ts';

export function proxyRequest(deps: RoutingDeps, request: ProxyRequest): HttpResponse {
  if (request.resource === 'nodes') return nodeProxy(deps, request);
  const id = splitSchemeNamePort(request.name);
  if (!id) throw errors.badRequest(`invalid ${request.resource === 'pods' ? 'pod' : 'service'} request "${request.name}"`);
  const namespace = request.namespace ?? 'default';
  const backend = request.resource === 'pods' ? podBackend(deps, namespace, id) : serviceBackend(deps, namespace, id, request.name);
  const http: HttpRequest = { method: request.method, target: request.target || '/', version: 'HTTP/1.1', headers: request.headers, body: request.body, remoteAddress: backend.from };
  return answer(podExchange(deps, backend.pod, backend.port, http, id.scheme === 'https'), backend.address);
}

interface SchemeNamePort {
  scheme: string;
  name: string;
  port: string;
}

/** `name`, `name:port` or `scheme:name:port`, as upstream's SplitSchemeNamePort reads it. */
function splitSchemeNamePort(id: string): SchemeNamePort | undefined {
  const parts = id.split(':');
  const [scheme, name, port] = parts.length === 3 ? parts : parts.length === 2 ? ['', parts[0]!, parts[1]!] : parts.length === 1 ? ['', parts[0]!, ''] : [];
  if (name === undefined || name === '' || !['', 'http', 'https'].includes(scheme!)) return undefined;
  return { scheme: scheme!, name, port: port! };
}

interface Backend {
  pod: Obj;
  port: number;
  /** `ip:port`, for error messages. */
  address: string;
  /** The address requests come from: the API server's ENI in the VPC. */
  from: string;
}

const API_SERVER_ADDRESS = '10.0.1.23';

function serviceBackend(deps: RoutingDeps, namespace: string, id: SchemeNamePort, raw: string): Backend {
  const svc = deps.reader.services(namespace).find((s) => str(rec(s.metadata).name) === id.name);
  if (!svc) throw errors.notFound({ group: '', resource: 'services' }, id.name);
  const ports = arr(rec(svc.spec).ports);
  let port: Record<string, unknown> | undefined;
  if (/^\d+$/.test(id.port)) {
    port = ports.find((p) => num(p.port) === Number(id.port));
    if (!port) throw new ApiError(503, 'ServiceUnavailable', `no service port ${id.port} found for service "${id.name}"`);
  } else {
    port = ports.find((p) => str(p.name) === id.port);
  }
  const dest = port ? viaService(deps, svc, port) : undefined;
  if (dest?.kind !== 'pod') throw new ApiError(503, 'ServiceUnavailable', `no endpoints available for service "${raw}"`);
  return { pod: dest.pod, port: dest.port, address: `${str(rec(dest.pod.status).podIP)}:${dest.port}`, from: API_SERVER_ADDRESS };
}

function podBackend(deps: RoutingDeps, namespace: string, id: SchemeNamePort): Backend {
  const pod = deps.reader.pod(namespace, id.name);
  if (!pod) throw errors.notFound({ group: '', resource: 'pods' }, id.name);
  // Without a port: the first declared container port, else 80 (upstream's pod ResourceLocation).
  const declared = arr(rec(pod.spec).containers).flatMap((c) => arr(c.ports).map((p) => num(p.containerPort)))[0];
  const port = id.port ? Number(id.port) : (declared ?? 80);
  if (!Number.isInteger(port)) throw errors.badRequest(`invalid pod request "${id.name}:${id.port}"`);
  const ip = str(rec(pod.status).podIP);
  if (!ip) throw new ApiError(503, 'ServiceUnavailable', `error trying to reach service: dial tcp :${port}: connect: connection refused`);
  return { pod, port, address: `${ip}:${port}`, from: API_SERVER_ADDRESS };
}

/** The backend's answer, or the 503 the API server gives when it cannot get one. */
function answer(result: Exchange, address: string): HttpResponse {
  if (result.ok) return result.response;
  const why: Record<typeof result.error, string> = {
    refused: `dial tcp ${address}: connect: connection refused`,
    timeout: `dial tcp ${address}: i/o timeout`,
    unreachable: `dial tcp ${address}: connect: no route to host`,
    reset: `read tcp ${API_SERVER_ADDRESS}:44312->${address}: read: connection reset by peer`,
    empty: 'EOF',
    'wrong-version': 'tls: first record does not look like a TLS handshake',
  };
  throw new ApiError(503, 'ServiceUnavailable', `error trying to reach service: ${why[result.error]}`);
}

function nodeProxy(deps: RoutingDeps, request: ProxyRequest): HttpResponse {
  const id = splitSchemeNamePort(request.name);
  const node = id && deps.reader.node(id.name);
  if (!id || !node) throw errors.notFound({ group: '', resource: 'nodes' }, id?.name ?? request.name);
  return kubeletAnswer(deps, node, request.target || '/');
}
