/** Network programs besides curl: busybox wget, nslookup, ping, ip/ifconfig, and glibc getent. */
import type { HttpRequest } from '../../http-message.ts';
import type { Command, CommandContext } from '../command.ts';
import { after, parseArgs } from './util.ts';
import { isIp, parseTarget } from './url.ts';

function lookup(ctx: CommandContext, host: string) {
  return isIp(host) ? { fqdn: host, addresses: [host] } : ctx.sys.net.resolve(host);
}

const wget: Command = (ctx) => {
  const p = parseArgs(ctx.argv.slice(1), ['O', 'T', 'U', 'Y', 'P', 'o', '--header', '--output-document', '--timeout', '--user-agent']);
  const quiet = p.flags.has('q') || p.flags.has('--quiet');
  const spider = p.flags.has('--spider');
  const out = p.values.get('O') ?? p.values.get('--output-document');
  const url = p.operands[0];
  const say = (t: string) => ctx.stderr.write(`${t}\n`);
  if (!url) {
    say('BusyBox v1.37.0 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...');
    return 1;
  }
  const t = parseTarget(url);
  if (!t || 'error' in t) {
    say(`wget: not an http or ftp url: ${url}`);
    return 1;
  }
  const resolved = lookup(ctx, t.host);
  if (!resolved || !resolved.addresses.length) {
    say(`wget: bad address '${t.host}'`);
    return 1;
  }
  const ip = resolved.addresses[0]!;
  if (!quiet) say(`Connecting to ${t.hostHeader} (${ip}:${t.port})`);
  const req: HttpRequest = {
    method: spider ? 'HEAD' : 'GET',
    target: t.path,
    version: 'HTTP/1.1',
    headers: [['Host', t.hostHeader], ['User-Agent', 'Wget'], ['Connection', 'close']],
    body: '',
    remoteAddress: ctx.sys.net.podIP,
  };
  const ex = ctx.sys.net.http(ip, t.port, req, t.scheme === 'https');
  if (!ex.ok) {
    if (ex.error === 'timeout') {
      const limit = Number(p.values.get('T') ?? p.values.get('--timeout') ?? NaN) * 1000;
      const wait = Number.isNaN(limit) ? ctx.sys.net.timeoutMs : Math.min(limit, ctx.sys.net.timeoutMs);
      return after(ctx, wait, () => {
        say(Number.isNaN(limit) ? `wget: can't connect to remote host (${ip}): Connection timed out` : 'wget: download timed out');
        return 1;
      });
    }
    if (ex.error === 'empty' || ex.error === 'reset') say('wget: error getting response: Connection reset by peer');
    else if (ex.error === 'wrong-version') say('wget: error getting response');
    else say(`wget: can't connect to remote host (${ip}): ${ex.error === 'unreachable' ? 'No route to host' : 'Connection refused'}`);
    return 1;
  }
  const res = ex.response;
  if (res.status >= 400) {
    say(`wget: server returned error: HTTP/1.1 ${res.status} ${res.reason}`);
    return 1;
  }
  if (spider) {
    if (!quiet) say('remote file exists');
    return 0;
  }
  const name = out ?? (t.path.split('?')[0]!.split('/').pop() || 'index.html');
  const bar = (label: string) => `${label.padEnd(20)} 100% |********************************| ${String(res.body.length).padStart(5)}  0:00:00 ETA`;
  if (name === '-') {
    if (!quiet) say(`writing to stdout\n${bar('-')}\nwritten to stdout`);
    ctx.stdout.write(res.body);
    return 0;
  }
  const fs = ctx.sys.fs;
  const path = fs.absolute(name, ctx.cwd);
  if (out === undefined && typeof fs.stat(path) === 'object') {
    say(`wget: can't open '${name}': File exists`);
    return 1;
  }
  const err = fs.write(path, res.body, false);
  if (err) {
    say(`wget: can't open '${name}': ${err === 'EROFS' ? 'Read-only file system' : 'Permission denied'}`);
    return 1;
  }
  if (!quiet) say(`saving to '${name}'\n${bar(name)}\n'${name}' saved`);
  return 0;
};

const nslookup: Command = (ctx) => {
  const name = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
  const ns = ctx.sys.net.nameserver;
  if (!name) {
    ctx.stderr.write('BusyBox v1.37.0 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  ctx.stdout.write(`Server:\t\t${ns}\nAddress:\t${ns}:53\n\n`);
  const r = ctx.sys.net.resolve(name);
  if (!r) {
    const tries = name.endsWith('.') || name.split('.').length > 5 ? [name] : [...ctx.sys.net.searchDomains.map((d) => `${name}.${d}`), name];
    for (const t of tries) ctx.stdout.write(`** server can't find ${t}: NXDOMAIN\n\n`);
    return 1;
  }
  for (const a of r.addresses) ctx.stdout.write(`Name:\t${r.fqdn}\nAddress: ${a}\n\n`);
  return 0;
};

const getent: Command = async (ctx) => {
  const [db, ...keys] = ctx.argv.slice(1);
  if (db !== 'hosts' && db !== 'ahosts' && db !== 'ahostsv4' && db !== 'passwd' && db !== 'group') {
    ctx.stderr.write(`Unknown database: ${db ?? ''}\nTry \`getent --help' or \`getent --usage' for more information.\n`);
    return 1;
  }
  if (db === 'passwd' || db === 'group') {
    const text = ctx.sys.fs.read(`/etc/${db}`);
    const rows = typeof text === 'string' ? text.split('\n').filter(Boolean) : [];
    const picked = keys.length ? rows.filter((r) => keys.some((k) => r.split(':')[0] === k || r.split(':')[2] === k)) : rows;
    for (const r of picked) ctx.stdout.write(`${r}\n`);
    return picked.length || !keys.length ? 0 : 2;
  }
  let status = 0;
  for (const k of keys) {
    const r = lookup(ctx, k);
    if (!r) {
      status = 2;
      continue;
    }
    for (const a of r.addresses) {
      if (db === 'hosts') ctx.stdout.write(`${a.padEnd(15)} ${r.fqdn}\n`);
      else ctx.stdout.write(`${a.padEnd(15)} STREAM ${r.fqdn}\n${a.padEnd(15)} DGRAM  \n${a.padEnd(15)} RAW    \n`);
    }
  }
  return status;
};

const ping: Command = async (ctx) => {
  const p = parseArgs(ctx.argv.slice(1), ['c', 'W', 'w', 'i', 's']);
  const host = p.operands[0];
  if (!host) {
    ctx.stderr.write('BusyBox v1.37.0 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n');
    return 1;
  }
  const r = lookup(ctx, host);
  if (!r) {
    ctx.stderr.write(`ping: bad address '${host}'\n`);
    return 1;
  }
  const ip = r.addresses[0]!;
  const count = Number(p.values.get('c') ?? Infinity);
  const answers = ctx.sys.net.answersPing(ip);
  ctx.stdout.write(`PING ${host} (${ip}): 56 data bytes\n`);
  let sent = 0;
  let received = 0;
  while (sent < count) {
    if (answers) {
      ctx.stdout.write(`64 bytes from ${ip}: seq=${sent} ttl=${ip === ctx.sys.net.podIP ? 64 : 126} time=0.${String(60 + ((sent * 37) % 40)).padStart(3, '0')} ms\n`);
      received++;
    }
    sent++;
    if (sent >= count) break;
    if (!(await ctx.sys.sleep(1000, ctx.signal))) break;
  }
  ctx.stdout.write(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${Math.round((100 * (sent - received)) / Math.max(1, sent))}% packet loss\n`);
  if (received) ctx.stdout.write('round-trip min/avg/max = 0.060/0.079/0.099 ms\n');
  return received ? 0 : 1;
};

function mac(ip: string): string {
  const n = ip.split('.').map(Number);
  return ['2a', 'b1', ...n.map((x) => x.toString(16).padStart(2, '0'))].join(':');
}

const ip: Command = async (ctx) => {
  const sub = ctx.argv[1] ?? '';
  const podIP = ctx.sys.net.podIP;
  if (sub.startsWith('r')) {
    ctx.stdout.write(`default via 169.254.1.1 dev eth0 \n169.254.1.1 dev eth0 scope link \n`);
    return 0;
  }
  if (!sub.startsWith('a')) {
    ctx.stderr.write('ip: this simulated ip knows `ip addr` and `ip route`\n');
    return 1;
  }
  ctx.stdout.write(
    `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n` +
      `3: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 9001 qdisc noqueue \n    link/ether ${mac(podIP)} brd ff:ff:ff:ff:ff:ff\n    inet ${podIP}/32 scope global eth0\n       valid_lft forever preferred_lft forever\n`,
  );
  return 0;
};

const ifconfig: Command = async (ctx) => {
  const podIP = ctx.sys.net.podIP;
  ctx.stdout.write(
    `eth0      Link encap:Ethernet  HWaddr ${mac(podIP).toUpperCase()}  \n          inet addr:${podIP}  Bcast:0.0.0.0  Mask:255.255.255.255\n          UP BROADCAST RUNNING MULTICAST  MTU:9001  Metric:1\n\n` +
      `lo        Link encap:Local Loopback  \n          inet addr:127.0.0.1  Mask:255.0.0.0\n          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n\n`,
  );
  return 0;
};

export const netCommands: Record<string, Command> = { wget, nslookup, getent, ping, ip, ifconfig };
