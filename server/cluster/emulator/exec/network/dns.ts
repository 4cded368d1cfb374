/** Names as CoreDNS (and the VPC resolver) answer them inside the cluster, with the pod's search list applied. */
import type { Resolution } from '../shell/system.ts';
import { arr, rec, str, type ClusterReader, type Obj } from '../container/cluster-reader.ts';
import { computeDomain } from '../container/etc-files.ts';
import { readyEndpoints } from './endpoints.ts';

export interface DnsContext {
  reader: ClusterReader;
  clusterDomain: string;
  region: string;
  searches: string[];
  ndots: number;
  /** /etc/hosts of the asking pod: name → address. */
  hosts: Map<string, string>;
}

/** One fully qualified name, no search list. */
export function lookupFqdn(fqdn: string, ctx: DnsContext): string[] | undefined {
  const name = fqdn.replace(/\.$/, '').toLowerCase();
  const suffix = `.${ctx.clusterDomain}`;
  if (name.endsWith(suffix)) {
    const parts = name.slice(0, -suffix.length).split('.');
    if (parts.at(-1) === 'svc' && parts.length === 3) return serviceAddresses(ctx.reader, parts[1]!, parts[0]!);
    if (parts.at(-1) === 'svc' && parts.length === 4) {
      const [host, sub, ns] = parts as [string, string, string];
      const pod = ctx.reader.pods(ns).find((p) => str(rec(p.spec).hostname) === host && str(rec(p.spec).subdomain) === sub && str(rec(p.status).podIP));
      return pod ? [str(rec(pod.status).podIP)] : undefined;
    }
    if (parts.at(-1) === 'pod' && parts.length === 3 && /^\d+-\d+-\d+-\d+$/.test(parts[0]!)) return [parts[0]!.replace(/-/g, '.')];
    return undefined;
  }
  const node = /^ip-(\d+)-(\d+)-(\d+)-(\d+)\.(.+)$/.exec(name);
  if (node && node[5] === computeDomain(ctx.region)) return [node.slice(1, 5).join('.')];
  return undefined;
}

function serviceAddresses(reader: ClusterReader, ns: string, name: string): string[] | undefined {
  const svc = reader.services(ns).find((s) => str(rec(s.metadata).name) === name);
  if (!svc) return undefined;
  const spec = rec(svc.spec);
  if (str(spec.type) === 'ExternalName') return undefined;
  const ip = str(spec.clusterIP);
  if (ip && ip !== 'None') return [ip];
  const ips = readyEndpoints(reader, svc).map((p: Obj) => str(rec(p.status).podIP));
  return ips.length ? ips.sort() : undefined;
}

/** Resolves a name as the container's resolver does: /etc/hosts, then the search list (per ndots), then as given. */
export function resolveName(name: string, ctx: DnsContext): Resolution | undefined {
  const lower = name.toLowerCase();
  const fromHosts = ctx.hosts.get(lower);
  if (fromHosts) return { fqdn: lower, addresses: [fromHosts] };
  if (lower.endsWith('.')) {
    const a = lookupFqdn(lower, ctx);
    return a ? { fqdn: lower.slice(0, -1), addresses: a } : undefined;
  }
  const dots = lower.split('.').length - 1;
  const candidates = dots >= ctx.ndots ? [lower, ...ctx.searches.map((s) => `${lower}.${s}`)] : [...ctx.searches.map((s) => `${lower}.${s}`), lower];
  for (const c of candidates) {
    const a = lookupFqdn(c, ctx);
    if (a) return { fqdn: c, addresses: a };
  }
  return undefined;
}

/** /etc/hosts entries of a pod: localhost, its own name, host aliases. */
export function hostsEntries(pod: Obj, hostname: string, fqdn: string | undefined): Map<string, string> {
  const m = new Map<string, string>([['localhost', '127.0.0.1']]);
  const ip = str(rec(pod.status).podIP);
  if (ip) {
    m.set(hostname.toLowerCase(), ip);
    if (fqdn) m.set(fqdn, ip);
  }
  for (const a of arr(rec(pod.spec).hostAliases)) for (const h of Array.isArray(a.hostnames) ? a.hostnames : []) m.set(str(h).toLowerCase(), str(a.ip));
  return m;
}
