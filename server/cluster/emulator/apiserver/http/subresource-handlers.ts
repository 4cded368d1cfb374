import { errors } from '../../meta/errors.ts';
import { handleResource, readObject, sendObjectOrTable, sendWrite, serveVirtual, writeOptions, type RequestContext } from './resource-handlers.ts';
import { readBody } from './body.ts';
import { sendJson, baseHeaders } from './respond.ts';
import type { LogOptions } from '../pieces.ts';

/** Subresources of stored objects: status, scale, log, and the virtual ones (token, eviction, binding). */
export async function handleSubresource(ctx: RequestContext): Promise<void> {
  const { rt, info, def } = ctx;
  const sub = info.subresource!;
  const api = rt.cluster.api;
  const ns = def.namespaced ? info.namespace : undefined;
  const name = info.name!;
  const virtual = rt.virtual.get(`${def.group}/${def.resource}/${sub}`);
  if (virtual) return serveVirtual(ctx, virtual);
  switch (sub) {
    case 'status':
    case 'finalize':
      if (info.verb === 'get') return sendObjectOrTable(ctx, [api.get(def, ns, name)], false);
      return handleResource(ctx);
    case 'scale':
      if (info.verb === 'get') return sendJson(ctx.res, 200, api.getScale(def, ns, name));
      if (info.verb === 'update') {
        const scale = await readObject(ctx);
        return sendWrite(ctx, api.updateScale(def, ns, name, scale, writeOptions(ctx)), 200);
      }
      return handleResource(ctx);
    case 'ephemeralcontainers':
      if (info.verb === 'get') return sendObjectOrTable(ctx, [api.get(def, ns, name)], false);
      return handleResource(ctx);
    case 'log':
      return serveLogs(ctx);
    case 'exec':
    case 'attach':
    case 'portforward':
      // These arrive as upgrades; a plain request means the client could not upgrade.
      throw errors.badRequest(`Upgrade request required`);
    case 'proxy':
      return serveProxy(ctx);
    default:
      throw errors.pathNotFound();
  }
}

/** `…/proxy/<path>`: the request goes on to the pod, Service or node, and its answer comes back as it is. */
async function serveProxy(ctx: RequestContext): Promise<void> {
  const { rt, req, res, info, def, query } = ctx;
  if (!rt.proxy || !['pods', 'services', 'nodes'].includes(def.resource) || def.group !== '') throw errors.pathNotFound();
  const body = ['GET', 'HEAD'].includes(req.method ?? 'GET') ? '' : (await readBody(req)).toString('utf8');
  const search = query.toString();
  const headers: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    // Credentials for the API server are not the backend's business.
    if (!/^(authorization|host|connection|impersonate-.*)$/i.test(name)) headers.push([name, req.rawHeaders[i + 1]!]);
  }
  const answer = rt.proxy({
    resource: def.resource as 'pods' | 'services' | 'nodes',
    ...(info.namespace !== undefined ? { namespace: info.namespace } : {}),
    name: info.name!,
    target: `${proxiedPath(req.url ?? '/', def.resource, info.name!)}${search ? `?${search}` : ''}`,
    method: req.method ?? 'GET',
    headers,
    body,
  });
  const out: Record<string, string> = { ...baseHeaders() };
  for (const [k, v] of answer.headers) if (!/^(connection|transfer-encoding|keep-alive|content-length)$/i.test(k)) out[k] = v;
  const payload = Buffer.from(answer.body);
  out['Content-Length'] = String(payload.length);
  res.writeHead(answer.status, answer.reason, out);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** The path after `<resource>/<name>/proxy`, as sent (trailing slash kept): `/`, `/a/b/`. */
function proxiedPath(url: string, resource: string, name: string): string {
  const segments = new URL(url, 'https://x').pathname.split('/');
  for (let i = 0; i + 2 < segments.length; i++) {
    if (segments[i] === resource && decodeURIComponent(segments[i + 1]!) === name && segments[i + 2] === 'proxy') return `/${segments.slice(i + 3).join('/')}`;
  }
  return '/';
}

function serveLogs(ctx: RequestContext): void {
  const { rt, res, query, info } = ctx;
  if (!rt.logs) throw errors.badRequest('logs are not available from this cluster');
  const ns = info.namespace!;
  const pod = info.name!;
  // 404 for a pod that does not exist, before asking the kubelet.
  rt.cluster.api.get(ctx.def, ns, pod);
  const num = (k: string) => {
    const v = query.get(k);
    return v === null ? undefined : Number(v);
  };
  const tailLines = num('tailLines');
  const sinceSeconds = num('sinceSeconds');
  const limitBytes = num('limitBytes');
  const opts: LogOptions = {
    ...(query.get('container') ? { container: query.get('container')! } : {}),
    previous: query.get('previous') === 'true',
    timestamps: query.get('timestamps') === 'true',
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    ...(query.get('sinceTime') ? { sinceTime: query.get('sinceTime')! } : {}),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
  };
  const text = rt.logs.read(ns, pod, opts);
  if (query.get('follow') !== 'true') {
    res.writeHead(200, { ...baseHeaders(), 'Content-Type': 'text/plain' });
    res.end(text);
    return;
  }
  res.writeHead(200, { ...baseHeaders(), 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
  res.write(text);
  const stop = rt.logs.follow(ns, pod, { ...opts, tailLines: 0 }, (line) => res.write(line), () => res.end());
  res.on('close', stop);
}
