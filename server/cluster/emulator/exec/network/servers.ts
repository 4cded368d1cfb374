/**
 * What each image's server answers to one HTTP request: nginx and httpd serve files from the container's file
 * tree (so mounted ConfigMaps and files written with `kubectl exec` show), the echo servers echo, Go servers
 * answer their health paths.
 */
import { header, httpDate, type HttpRequest, type HttpResponse } from '../http-message.ts';
import type { FileSystem } from '../shell/system.ts';
import type { Listener } from './listeners.ts';
import { GO_NOT_FOUND, httpdErrorPage, nginxErrorPage, reason } from './error-pages.ts';

export interface ServeContext {
  listener: Listener;
  hostname: string;
  fs?: FileSystem;
  now: number;
}

/** A TCP service that is not HTTP closes the connection without an answer. */
export type ServeResult = HttpResponse | 'empty';

const MIME: Record<string, string> = { html: 'text/html', htm: 'text/html', txt: 'text/plain', css: 'text/css', js: 'application/javascript', json: 'application/json', png: 'image/png', svg: 'image/svg+xml', xml: 'text/xml' };
const mimeOf = (path: string) => MIME[path.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

function response(status: number, headers: [string, string][], body: string): HttpResponse {
  return { status, reason: status === 405 ? 'Not Allowed' : reason(status), headers, body };
}

const pathOf = (req: HttpRequest) => decodeURIComponent(req.target.split('?')[0] ?? '/');

/** The file a static server sends for a path below `root`: the file, a directory's index, a redirect, or nothing. */
function lookupStatic(fs: FileSystem, root: string, path: string, indexes: string[]): { file: string } | { redirect: string } | { forbidden: true } | undefined {
  const abs = fs.absolute(`.${path}`, root);
  if (!abs.startsWith(root.replace(/\/$/, ''))) return undefined;
  const st = fs.stat(abs);
  if (typeof st === 'string') return undefined;
  if (st.kind === 'dir') {
    if (!path.endsWith('/')) return { redirect: `${path}/` };
    for (const i of indexes) {
      const f = fs.stat(`${abs}/${i}`);
      if (typeof f === 'object' && f.kind === 'file') return { file: `${abs}/${i}` };
    }
    return { forbidden: true };
  }
  return { file: abs };
}

interface NginxConf {
  root: string;
  index: string[];
  ret?: { status: number; text: string };
}

/** The parts of conf.d/*.conf a lab changes: `root`, `index`, and `return 200 "text";`. */
export function nginxConf(fs: FileSystem | undefined, port: number): NginxConf {
  const conf: NginxConf = { root: '/usr/share/nginx/html', index: ['index.html', 'index.htm'] };
  const names = fs?.list('/etc/nginx/conf.d');
  if (!fs || !Array.isArray(names)) return conf;
  for (const n of names.filter((x) => x.endsWith('.conf'))) {
    const text = fs.read(`/etc/nginx/conf.d/${n}`);
    if (typeof text !== 'string') continue;
    const listens = [...text.matchAll(/^\s*listen\s+(?:\S*:)?(\d+)/gm)].map((m) => Number(m[1]));
    if (listens.length && !listens.includes(port)) continue;
    const location = /location\s+\/\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
    const pick = (re: RegExp) => re.exec(location) ?? re.exec(text);
    const root = pick(/\broot\s+([^;]+);/);
    if (root) conf.root = root[1]!.trim();
    const index = pick(/\bindex\s+([^;]+);/);
    if (index) conf.index = index[1]!.trim().split(/\s+/);
    const ret = /\breturn\s+(\d{3})(?:\s+("(?:[^"\\]|\\.)*"|'[^']*'|[^;]+))?;/.exec(location);
    if (ret) conf.ret = { status: Number(ret[1]), text: (ret[2] ?? '').replace(/^["']|["']$/g, '').replace(/\\n/g, '\n') };
    return conf;
  }
  return conf;
}

function nginx(ctx: ServeContext, req: HttpRequest): HttpResponse {
  const v = ctx.listener.image.version;
  const date = httpDate(ctx.now);
  const base: [string, string][] = [['Server', `nginx/${v}`], ['Date', date]];
  const error = (status: number, extra: [string, string][] = []) => {
    const body = nginxErrorPage(status, v);
    return response(status, [...base, ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ...extra, ['Connection', 'keep-alive']], body);
  };
  const conf = nginxConf(ctx.fs, ctx.listener.port);
  if (conf.ret) {
    const body = conf.ret.text;
    return response(conf.ret.status, [...base, ['Content-Type', 'application/octet-stream'], ['Content-Length', String(Buffer.byteLength(body))], ['Connection', 'keep-alive']], body);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return error(405);
  if (!ctx.fs) return error(404);
  const found = lookupStatic(ctx.fs, conf.root, pathOf(req), conf.index);
  if (!found) return error(404);
  if ('forbidden' in found) return error(403);
  if ('redirect' in found) return error(301, [['Location', `http://${header(req, 'Host') ?? ctx.hostname}${found.redirect}`]]);
  const text = ctx.fs.read(found.file);
  if (typeof text !== 'string') return error(403);
  const st = ctx.fs.stat(found.file);
  const mtime = typeof st === 'object' ? st.mtime : ctx.now;
  const size = Buffer.byteLength(text);
  return response(200, [...base, ['Content-Type', mimeOf(found.file)], ['Content-Length', String(size)], ['Last-Modified', httpDate(mtime)], ['Connection', 'keep-alive'], ['ETag', `"${Math.floor(mtime / 1000).toString(16)}-${size.toString(16)}"`], ['Accept-Ranges', 'bytes']], text);
}

function httpd(ctx: ServeContext, req: HttpRequest): HttpResponse {
  const base: [string, string][] = [['Date', httpDate(ctx.now)], ['Server', `Apache/${ctx.listener.image.version} (Unix)`]];
  const error = (status: number) => {
    const body = httpdErrorPage(status);
    return response(status, [...base, ['Content-Length', String(body.length)], ['Content-Type', 'text/html; charset=iso-8859-1']], body);
  };
  if (!ctx.fs) return error(404);
  const found = lookupStatic(ctx.fs, '/usr/local/apache2/htdocs', pathOf(req), ['index.html']);
  if (!found) return error(404);
  if ('forbidden' in found) return error(403);
  if ('redirect' in found) return { ...error(301), status: 301, reason: 'Moved Permanently' };
  const text = ctx.fs.read(found.file);
  if (typeof text !== 'string') return error(403);
  const st = ctx.fs.stat(found.file);
  const mtime = typeof st === 'object' ? st.mtime : ctx.now;
  const size = Buffer.byteLength(text);
  return response(200, [...base, ['Last-Modified', httpDate(mtime)], ['ETag', `"${size.toString(16)}-${(mtime * 1000).toString(16)}"`], ['Accept-Ranges', 'bytes'], ['Content-Length', String(size)], ['Content-Type', mimeOf(found.file)]], text);
}

function textResponse(ctx: ServeContext, status: number, body: string, extra: [string, string][] = [], type = 'text/plain; charset=utf-8'): HttpResponse {
  return response(status, [...extra, ['Date', httpDate(ctx.now)], ['Content-Length', String(Buffer.byteLength(body))], ['Content-Type', type]], body);
}

function argValue(container: Record<string, unknown>, flag: string): string | undefined {
  const args = [...(Array.isArray(container.command) ? container.command : []), ...(Array.isArray(container.args) ? container.args : [])].map(String);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = new RegExp(`^--?${flag}=(.*)$`, 's').exec(a);
    if (m) return m[1];
    if (a === `-${flag}` || a === `--${flag}`) return args[i + 1];
  }
  return undefined;
}

function echoServer(ctx: ServeContext, req: HttpRequest): HttpResponse {
  const host = header(req, 'Host');
  const others = req.headers.filter(([k]) => k.toLowerCase() !== 'host').sort((a, b) => a[0].localeCompare(b[0]));
  const body = `Request served by ${ctx.hostname}\n\n${req.version} ${req.method} ${req.target}\n\n${host ? `Host: ${host}\n` : ''}${others.map(([k, v]) => `${k}: ${v}\n`).join('')}${req.body ? `\n${req.body}` : ''}`;
  return textResponse(ctx, 200, body);
}

function goServer(ctx: ServeContext, req: HttpRequest, okBody: (path: string) => string | undefined): HttpResponse {
  const path = pathOf(req);
  const body = okBody(path);
  if (body === undefined) return textResponse(ctx, 404, GO_NOT_FOUND, [['X-Content-Type-Options', 'nosniff']]);
  return textResponse(ctx, 200, body);
}

export function serve(ctx: ServeContext, req: HttpRequest): ServeResult {
  const l = ctx.listener;
  if (!l.http) return 'empty';
  const listed = (path: string) => !l.paths || l.paths.includes(path);
  switch (l.server) {
    case 'nginx':
      return nginx(ctx, req);
    case 'httpd':
      return httpd(ctx, req);
    case 'http-echo': {
      const text = argValue(l.container, 'text') ?? 'hello-world';
      return textResponse(ctx, 200, `${text}\n`, [['X-App-Name', 'http-echo'], ['X-App-Version', l.image.version]]);
    }
    case 'echo-server':
      return echoServer(ctx, req);
    case 'hello-app':
      return goServer(ctx, req, () => `Hello, world!\nVersion: ${l.image.version}\nHostname: ${ctx.hostname}\n`);
    case 'coredns':
      return goServer(ctx, req, (p) => (p === '/health' || p === '/ready' ? 'OK' : p === '/metrics' ? '# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\ncoredns_build_info{goversion="go1.23.6",revision="",version="1.11.4"} 1\n' : undefined));
    case 'spring': {
      const path = pathOf(req);
      if (path.startsWith('/actuator/health')) return textResponse(ctx, 200, '{"status":"UP","groups":["liveness","readiness"]}', [], 'application/vnd.spring-boot.actuator.v3+json');
      if (listed(path)) return textResponse(ctx, 200, '<!DOCTYPE html>\n<html lang="en">\n<head><title>Retail Store Sample</title></head>\n<body><h1>Retail Store Sample</h1></body>\n</html>\n', [], 'text/html;charset=UTF-8');
      return textResponse(ctx, 404, `{"timestamp":"${new Date(ctx.now).toISOString()}","status":404,"error":"Not Found","path":"${path}"}`, [], 'application/json');
    }
    default:
      return goServer(ctx, req, (p) => (listed(p) ? (p.includes('health') || p.includes('ready') ? 'OK' : '{"status":"ok"}') : undefined));
  }
}
