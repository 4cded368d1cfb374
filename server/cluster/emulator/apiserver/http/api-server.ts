import { createServer, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, errors } from '../../meta/errors.ts';
import { parseRequestInfo } from '../request-info.ts';
import { handleClusterRequest } from './cluster-handler.ts';
import type { ClusterRuntime } from './runtime.ts';

/** Finds the cluster a request is for. */
export interface ClusterResolver {
  /** A cluster by the id in `/clusters/<id>/…`. */
  byId(id: string): ClusterRuntime | undefined | Promise<ClusterRuntime | undefined>;
  /**
   * The cluster a request without the `/clusters/<id>` prefix is for, if any: the standalone `podium cluster up`
   * serves its cluster there, a learner's socket the cluster their credentials belong to.
   */
  root?(req: IncomingMessage): ClusterRuntime | undefined;
}

export interface ApiServerOptions {
  cert: string;
  key: string;
  resolver: ClusterResolver;
}

const PREFIX = /^\/clusters\/([a-z0-9][a-z0-9-]{0,62})(\/.*)?$/;

/**
 * The HTTPS listener of the embedded clusters. One listener serves every cluster: each under
 * `/clusters/<id>` (kubectl keeps a separate discovery cache per server URL, path included).
 */
export function createApiServer(opts: ApiServerOptions): Server {
  const server = createServer({ cert: opts.cert, key: opts.key }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://cluster.local');
    void route(opts.resolver, req, url.pathname).then(
      (found) => {
        if (!found) {
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end('404 page not found\n');
          return;
        }
        return handleClusterRequest(found.rt, req, res, found.path, url.searchParams);
      },
      (err) => {
        console.error('cluster routing failed:', err);
        res.writeHead(500);
        res.end();
      },
    );
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void handleUpgrade(opts.resolver, req, socket, head).catch((err) => rejectUpgrade(socket, err));
  });
  server.keepAliveTimeout = 60_000;
  return server;
}

async function route(resolver: ClusterResolver, req: IncomingMessage, pathname: string): Promise<{ rt: ClusterRuntime; path: string } | undefined> {
  const m = PREFIX.exec(pathname);
  if (m) {
    const rt = await resolver.byId(m[1]!);
    return rt && { rt, path: m[2] ?? '/' };
  }
  const root = resolver.root?.(req);
  return root && { rt: root, path: pathname };
}

async function handleUpgrade(resolver: ClusterResolver, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://cluster.local');
  const found = await route(resolver, req, url.pathname);
  if (!found) throw errors.pathNotFound();
  const { rt, path } = found;
  const caller = rt.authenticate(req);
  if (caller.username === 'system:anonymous') throw errors.unauthorized();
  // `kubectl exec --as=…` acts as another user here too.
  const user = rt.impersonate ? rt.impersonate(caller, req) : caller;
  const info = parseRequestInfo(req.method ?? 'GET', path, url.searchParams);
  if (info.kind !== 'resource' || info.resource !== 'pods' || !info.subresource || !info.namespace || !info.name) throw errors.pathNotFound();
  if (!['exec', 'attach', 'portforward'].includes(info.subresource)) throw errors.badRequest('upgrade is only supported for exec, attach and portforward');
  // Upgraded exec/attach/portforward need `create`, whatever the HTTP method (upstream since 1.31).
  rt.authorize(user, { ...info, verb: 'create' });
  rt.cluster.api.get(rt.cluster.registry.lookup('', 'v1', 'pods')!, info.namespace, info.name);
  if (!rt.upgrade) throw errors.badRequest(`${info.subresource} is not supported by this cluster`);
  rt.upgrade({ req, socket, head, user, namespace: info.namespace, pod: info.name, subresource: info.subresource, query: url.searchParams });
}

/** Answers a failed upgrade with a plain HTTP error carrying a Status, then closes. */
function rejectUpgrade(socket: Duplex, err: unknown): void {
  const apiError = err instanceof ApiError ? err : errors.internal(String(err));
  const body = JSON.stringify(apiError.toStatus());
  socket.end(
    `HTTP/1.1 ${apiError.code} ${apiError.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
