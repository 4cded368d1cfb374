/** The files the kubelet writes for every container: /etc/hosts, /etc/hostname, /etc/resolv.conf. */
import { arr, rec, str, type Obj } from './cluster-reader.ts';

export interface DnsSettings {
  /** kube-dns ClusterIP (EKS: 10.100.0.10, or 172.20.0.10 with a 172.x VPC). */
  clusterDns: string;
  clusterDomain: string;
  region: string;
  /** The VPC's Amazon-provided resolver, for `dnsPolicy: Default`. */
  vpcResolver: string;
}

/** `compute.internal` suffix of the region's EC2 names (`ec2.internal` in us-east-1). */
export const computeDomain = (region: string) => (region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`);

export function podHostname(pod: Obj): string {
  const spec = rec(pod.spec);
  const name = str(spec.hostname) || str(rec(pod.metadata).name);
  return name.slice(0, 63).replace(/[-.]+$/, '');
}

/** The pod's FQDN when it has a subdomain (StatefulSets): `web-0.nginx.default.svc.cluster.local`. */
export function podFqdn(pod: Obj, clusterDomain: string): string | undefined {
  const spec = rec(pod.spec);
  const sub = str(spec.subdomain);
  return sub ? `${podHostname(pod)}.${sub}.${str(rec(pod.metadata).namespace)}.svc.${clusterDomain}` : undefined;
}

export function hostsFile(pod: Obj, dns: DnsSettings): string {
  const spec = rec(pod.spec);
  const ip = str(rec(pod.status).podIP);
  const host = podHostname(pod);
  const fqdn = podFqdn(pod, dns.clusterDomain);
  let text =
    `# Kubernetes-managed hosts file${spec.hostNetwork ? ' (host network)' : ''}.\n` +
    '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  if (ip && !spec.hostNetwork) text += fqdn ? `${ip}\t${fqdn}\t${host}\n` : `${ip}\t${host}\n`;
  const aliases = arr(spec.hostAliases);
  if (aliases.length) {
    text += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) text += `${str(a.ip)}\t${(Array.isArray(a.hostnames) ? a.hostnames : []).map(str).join('\t')}\n`;
  }
  return text;
}

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  options: string[];
}

export function resolvConf(pod: Obj, dns: DnsSettings): ResolvConf {
  const spec = rec(pod.spec);
  const ns = str(rec(pod.metadata).namespace);
  let policy = str(spec.dnsPolicy) || 'ClusterFirst';
  if (spec.hostNetwork && policy === 'ClusterFirst') policy = 'Default';
  const node = { nameservers: [dns.vpcResolver], searches: [computeDomain(dns.region)], options: [] as string[] };
  const base =
    policy === 'None'
      ? { nameservers: [], searches: [], options: [] }
      : policy === 'Default'
        ? node
        : { nameservers: [dns.clusterDns], searches: [`${ns}.svc.${dns.clusterDomain}`, `svc.${dns.clusterDomain}`, dns.clusterDomain, computeDomain(dns.region)], options: ['ndots:5'] };
  const cfg = rec(spec.dnsConfig);
  const list = (v: unknown) => (Array.isArray(v) ? v.map(str) : []);
  const options = [...base.options];
  for (const o of arr(cfg.options)) {
    const text = o.value !== undefined ? `${str(o.name)}:${str(o.value)}` : str(o.name);
    const i = options.findIndex((x) => x.split(':')[0] === str(o.name));
    if (i >= 0) options[i] = text;
    else options.push(text);
  }
  return { nameservers: [...base.nameservers, ...list(cfg.nameservers)].slice(0, 3), searches: [...base.searches, ...list(cfg.searches)], options };
}

export function resolvConfText(r: ResolvConf): string {
  return `${r.searches.length ? `search ${r.searches.join(' ')}\n` : ''}${r.nameservers.map((n) => `nameserver ${n}\n`).join('')}${r.options.length ? `options ${r.options.join(' ')}\n` : ''}`;
}
