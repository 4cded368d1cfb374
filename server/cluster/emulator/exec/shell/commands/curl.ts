/** curl: GET/HEAD/POST to cluster services, pods and the API server, with curl's messages, exit codes and progress meter. */
import { header, type HttpRequest, type HttpResponse } from '../../http-message.ts';
import type { Command, CommandContext } from '../command.ts';
import type { Exchange } from '../system.ts';
import { after, parseArgs } from './util.ts';
import { isIp, parseTarget, type Target } from './url.ts';

const WITH_VALUE = ['o', 'w', 'm', 'H', 'X', 'd', 'u', 'A', 'e', 'x', 'T', '--max-time', '--connect-timeout', '--header', '--request', '--data', '--data-raw', '--data-binary', '--output', '--write-out', '--cacert', '--user-agent', '--retry', '--resolve', '--user'];

interface Opts {
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  include: boolean;
  head: boolean;
  fail: boolean;
  insecure: boolean;
  output?: string;
  writeOut?: string;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
  method?: string;
  data?: string;
  headers: [string, string][];
  userAgent: string;
}

function options(ctx: CommandContext): { opts: Opts; urls: string[] } {
  const p = parseArgs(ctx.argv.slice(1), WITH_VALUE);
  const v = (...names: string[]) => names.map((n) => p.values.get(n)).find((x) => x !== undefined);
  const has = (...names: string[]) => names.some((n) => p.flags.has(n));
  const secs = (s: string | undefined) => (s === undefined ? undefined : Number(s) * 1000);
  const headers: [string, string][] = [];
  ctx.argv.forEach((a, i) => {
    if (a === '-H' || a === '--header') {
      const h = ctx.argv[i + 1] ?? '';
      const c = h.indexOf(':');
      if (c > 0) headers.push([h.slice(0, c).trim(), h.slice(c + 1).trim()]);
    }
  });
  const data = v('d', '--data', '--data-raw', '--data-binary');
  const head = has('I', '--head');
  return {
    urls: p.operands,
    opts: {
      silent: has('s', '--silent'),
      showError: has('S', '--show-error'),
      verbose: has('v', '--verbose'),
      include: has('i', '--include'),
      head,
      fail: has('f', '--fail'),
      insecure: has('k', '--insecure') || v('--cacert') !== undefined,
      output: v('o', '--output'),
      writeOut: v('w', '--write-out'),
      maxTimeMs: secs(v('m', '--max-time')),
      connectTimeoutMs: secs(v('--connect-timeout')),
      method: v('X', '--request') ?? (head ? 'HEAD' : data !== undefined ? 'POST' : 'GET'),
      ...(data !== undefined ? { data } : {}),
      headers,
      userAgent: v('A', '--user-agent') ?? `curl/${ctx.sys.tools.curlVersion ?? '8.12.1'}`,
    },
  };
}

function errorMessage(code: number, text: string): string {
  return `curl: (${code}) ${text}`;
}

function progress(size: number): string {
  const s = String(size);
  return (
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    `\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100 ${s.padStart(5)}  100 ${s.padStart(5)}    0     0   ${String(Math.max(1, Math.round(size / 4))).padStart(4)}k      0 --:--:-- --:--:-- --:--:--  ${String(Math.max(1, Math.round(size / 2))).padStart(4)}k\n`
  );
}

function writeOut(format: string, res: HttpResponse | undefined, remote: string, port: number): string {
  return format
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/%\{([a-z_]+)\}/g, (_, k: string) => {
      switch (k) {
        case 'http_code':
        case 'response_code':
          return String(res?.status ?? 0).padStart(3, '0');
        case 'remote_ip':
          return remote;
        case 'remote_port':
          return remote ? String(port) : '';
        case 'size_download':
          return String(res?.body.length ?? 0);
        case 'content_type':
          return (res && header(res, 'Content-Type')) ?? '';
        case 'time_total':
        case 'time_connect':
        case 'time_starttransfer':
          return '0.002153';
        default:
          return '';
      }
    });
}

function fetchOne(ctx: CommandContext, opts: Opts, url: string): number | Promise<number> {
  const fail = (code: number, text: string) => {
    if (!opts.silent || opts.showError) ctx.stderr.write(`${errorMessage(code, text)}\n`);
    if (opts.writeOut) ctx.stdout.write(writeOut(opts.writeOut, undefined, '', 0));
    return code;
  };
  const parsed = parseTarget(url);
  if (!parsed) return fail(3, `URL rejected: Malformed input to a URL function`);
  if ('error' in parsed) return fail(1, `Protocol "${parsed.scheme}" not supported`);
  const t: Target = parsed;
  const resolved = isIp(t.host) ? { fqdn: t.host, addresses: [t.host] } : ctx.sys.net.resolve(t.host);
  if (!resolved || resolved.addresses.length === 0) return fail(6, `Could not resolve host: ${t.host}`);
  const ip = resolved.addresses[0]!;
  if (opts.verbose) ctx.stderr.write(`*   Trying ${ip}:${t.port}...\n`);
  const request: HttpRequest = {
    method: opts.method ?? 'GET',
    target: t.path,
    version: 'HTTP/1.1',
    headers: [['Host', t.hostHeader], ['User-Agent', opts.userAgent], ['Accept', '*/*'], ...opts.headers],
    body: opts.data ?? '',
    remoteAddress: ctx.sys.net.podIP,
  };
  if (opts.data !== undefined) request.headers.push(['Content-Length', String(Buffer.byteLength(opts.data))], ['Content-Type', 'application/x-www-form-urlencoded']);
  const exchange: Exchange = ctx.sys.net.http(ip, t.port, request, t.scheme === 'https');
  if (!exchange.ok) {
    if (exchange.error === 'timeout') {
      const limit = opts.connectTimeoutMs ?? opts.maxTimeMs;
      const wait = Math.min(limit ?? ctx.sys.net.timeoutMs, ctx.sys.net.timeoutMs);
      return after(ctx, wait, () => {
        if (limit !== undefined) return fail(28, opts.connectTimeoutMs !== undefined ? `Failed to connect to ${t.host} port ${t.port} after ${wait + 1} ms: Timeout was reached` : `Connection timed out after ${wait + 1} milliseconds`);
        return fail(28, `Failed to connect to ${t.host} port ${t.port} after ${wait + 1} ms: Couldn't connect to server`);
      });
    }
    if (exchange.error === 'wrong-version') return fail(35, 'OpenSSL/3.0.15: error:0A00010B:SSL routines::wrong version number');
    if (exchange.error === 'empty') return fail(52, 'Empty reply from server');
    if (exchange.error === 'reset') return fail(56, 'Recv failure: Connection reset by peer');
    return fail(7, `Failed to connect to ${t.host} port ${t.port} after ${exchange.error === 'unreachable' ? 3071 : 2} ms: ${exchange.error === 'unreachable' ? 'No route to host' : "Couldn't connect to server"}`);
  }
  if (exchange.untrusted && !opts.insecure) {
    return fail(60, 'SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.');
  }
  const res = exchange.response;
  if (opts.verbose) {
    ctx.stderr.write(`* Connected to ${t.host} (${ip}) port ${t.port}\n`);
    ctx.stderr.write(`> ${request.method} ${request.target} HTTP/1.1\n${request.headers.map(([k, v]) => `> ${k}: ${v}\n`).join('')}> \n`);
    ctx.stderr.write(`< HTTP/1.1 ${res.status} ${res.reason}\n${res.headers.map(([k, v]) => `< ${k}: ${v}\n`).join('')}< \n`);
  }
  if (opts.fail && res.status >= 400) return fail(22, `The requested URL returned error: ${res.status}`);
  const head = `HTTP/1.1 ${res.status} ${res.reason}\r\n${res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  const body = request.method === 'HEAD' ? '' : res.body;
  const shown = (opts.include || opts.head ? head : '') + body;
  if (!opts.silent && !opts.verbose && (opts.output !== undefined || !ctx.tty)) ctx.stderr.write(progress(body.length));
  if (opts.output !== undefined && opts.output !== '-') {
    const err = opts.output === '/dev/null' ? undefined : ctx.sys.fs.write(ctx.sys.fs.absolute(opts.output, ctx.cwd), shown, false);
    if (err) return fail(23, `Failure writing output to destination`);
  } else ctx.stdout.write(shown);
  if (opts.verbose) ctx.stderr.write(`* Connection #0 to host ${t.host} left intact\n`);
  if (opts.writeOut) ctx.stdout.write(writeOut(opts.writeOut, res, ip, t.port));
  return 0;
}

export const curl: Command = (ctx) => {
  const { opts, urls } = options(ctx);
  if (ctx.argv.includes('--version') || ctx.argv.includes('-V')) {
    ctx.stdout.write(`curl ${ctx.sys.tools.curlVersion ?? '8.12.1'} (x86_64-pc-linux-gnu) libcurl/${ctx.sys.tools.curlVersion ?? '8.12.1'} OpenSSL/3.0.15 zlib/1.2.13\nProtocols: dict file ftp ftps gopher gophers http https imap imaps mqtt pop3 pop3s rtsp smb smbs smtp smtps telnet tftp\n`);
    return 0;
  }
  if (urls.length === 0) {
    ctx.stderr.write("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  // One URL after the other; the status is the last one's.
  const from = (i: number, status: number): number | Promise<number> => {
    if (i >= urls.length) return status;
    const r = fetchOne(ctx, opts, urls[i]!);
    return typeof r === 'number' ? from(i + 1, r) : r.then((s) => from(i + 1, s));
  };
  return from(0, 0);
};
