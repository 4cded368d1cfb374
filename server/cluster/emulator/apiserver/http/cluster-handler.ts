import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from '../../meta/errors.ts';
import type { UserInfo } from '../../meta/types.ts';
import { healthReport, isHealthEndpoint } from '../health-checks.ts';
import { parseRequestInfo, type NonResourceRequest, type RequestInfo } from '../request-info.ts';
import { discoveryContentType, parseAccept } from './negotiate.ts';
import { handleResource, serveVirtual } from './resource-handlers.ts';
import { baseHeaders, sendError, sendJson, sendText, warningHeader } from './respond.ts';
import type { ClusterRuntime, OpenApiDocument } from './runtime.ts';
import { handleSubresource } from './subresource-handlers.ts';

/** Paths anyone may read, even without credentials (upstream's system:public-info-viewer). */
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

/**
 * Serves one request to one emulated cluster. `path` is the request path with the cluster's
 * prefix removed (`/api/v1/namespaces/default/pods`).
 */
export async function handleClusterRequest(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
  const started = Date.now();
  let user: UserInfo | undefined;
  try {
    user = rt.authenticate(req);
    const info = parseRequestInfo(req.method ?? 'GET', path, query);
    const isPublic = info.kind === 'nonresource' && PUBLIC_PATHS.has(path);
    // EKS answers 401 to requests without credentials, except for the public health and version paths.
    if (user.username === 'system:anonymous' && !isPublic) throw errors.unauthorized();
    if (rt.impersonate) user = rt.impersonate(user, req);
    if (!isPublic) rt.authorize(user, info);
    if (info.kind === 'nonresource') await handleNonResource(rt, req, res, info, query);
    else await dispatchResource(rt, req, res, info, query, user);
  } catch (err) {
    sendError(res, err);
  } finally {
    record(rt, req, path, user, res.statusCode, started);
  }
}

async function dispatchResource(
  rt: ClusterRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  info: Extract<RequestInfo, { kind: 'resource' }>,
  query: URLSearchParams,
  user: UserInfo,
): Promise<void> {
  const def = rt.cluster.registry.lookup(info.group, info.version, info.resource);
  if (!def) throw errors.pathNotFound();
  if (def.namespaced && info.namespace === undefined && info.name !== undefined) throw errors.pathNotFound();
  if (!def.namespaced && info.namespace !== undefined && def.resource !== 'namespaces') throw errors.pathNotFound();
  if (def.deprecationWarning) res.setHeader('Warning', warningHeader(def.deprecationWarning));
  const ctx = { rt, req, res, info, def, query, user };
  if (info.subresource) {
    const sub = def.subresources?.find((s) => s.name === info.subresource);
    if (!sub) throw errors.pathNotFound();
    return handleSubresource(ctx);
  }
  const virtual = rt.virtual.get(`${def.group}/${def.resource}`);
  if (virtual) return serveVirtual(ctx, virtual);
  if (!def.verbs.includes(info.verb)) throw errors.methodNotAllowed();
  return handleResource(ctx);
}

async function handleNonResource(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, info: NonResourceRequest, query: URLSearchParams): Promise<void> {
  const path = info.path.replace(/\/+$/, '') || '/';
  if (info.verb !== 'get' && info.verb !== 'head') throw errors.methodNotAllowed();
  if (path === '/version') return sendJson(res, 200, rt.version);
  const [first, ...rest] = path.split('/').filter(Boolean);
  if (isHealthEndpoint(first)) {
    const report = healthReport(first, rest.length ? rest.join('/') : undefined, query);
    return report === undefined ? sendText(res, 404, '404 page not found\n') : sendText(res, 200, report);
  }
  const accept = parseAccept(req.headers.accept);
  if (path === '/api' || path === '/apis') {
    const root = path.slice(1) as 'api' | 'apis';
    if (accept.discovery) {
      return sendJson(res, 200, rt.discovery.aggregated(root, accept.discovery), { contentType: discoveryContentType(accept.discovery) });
    }
    return sendJson(res, 200, root === 'api' ? rt.discovery.apiVersions() : rt.discovery.apiGroupList());
  }
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'api' && parts.length === 2) return sendFound(res, rt.discovery.resourceList('', parts[1]!));
  if (parts[0] === 'apis' && parts.length === 2) return sendFound(res, rt.discovery.apiGroup(parts[1]!));
  if (parts[0] === 'apis' && parts.length === 3) return sendFound(res, rt.discovery.resourceList(parts[1]!, parts[2]!));
  if (parts[0] === 'openapi') return serveOpenApi(rt, req, res, parts);
  // Unknown paths get the plain-text 404 of Go's mux, as upstream.
  return sendText(res, 404, '404 page not found\n');
}

function sendFound(res: ServerResponse, body: unknown): void {
  if (body === undefined) throw errors.pathNotFound();
  sendJson(res, 200, body);
}

function serveOpenApi(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, parts: string[]): void {
  if (!rt.openapi) return sendText(res, 404, '404 page not found\n');
  let doc: OpenApiDocument | undefined;
  if (parts[1] === 'v2' && parts.length === 2) doc = rt.openapi.v2?.();
  else if (parts[1] === 'v3') doc = parts.length === 2 ? rt.openapi.index() : rt.openapi.document(parts.slice(2).join('/'));
  if (!doc) return sendText(res, 404, '404 page not found\n');
  const etag = `"${doc.etag}"`;
  const headers: Record<string, string> = { ...baseHeaders(), 'Content-Type': doc.contentType ?? 'application/json', ETag: etag };
  // Cacheable for ever only when the client asked for exactly this version of the document.
  const immutable = parts.length > 2 && new URL(req.url ?? '/', 'https://x').searchParams.get('hash') === doc.etag;
  if (immutable) headers['Cache-Control'] = 'public, immutable';
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(Buffer.byteLength(doc.body)) });
  res.end(doc.body);
}

function record(rt: ClusterRuntime, req: IncomingMessage, path: string, user: UserInfo | undefined, code: number, time: number): void {
  if (!rt.onRequest) return;
  const command = req.headers['kubectl-command'];
  const session = req.headers['kubectl-session'];
  rt.onRequest({
    time,
    user: user?.username ?? '',
    verb: req.method ?? 'GET',
    path,
    code,
    ...(typeof command === 'string' ? { kubectlCommand: command } : {}),
    ...(typeof session === 'string' ? { kubectlSession: session } : {}),
  });
}
