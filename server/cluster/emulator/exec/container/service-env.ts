/** Docker-link style variables the kubelet sets for Services: `WEB_SERVICE_HOST`, `WEB_PORT_80_TCP_ADDR`… */
import { arr, num, rec, str, type Obj } from './cluster-reader.ts';

const envName = (s: string) => s.toUpperCase().replace(/-/g, '_');

/** Variables of one Service, in the kubelet's order. */
export function serviceVars(svc: Obj): [string, string][] {
  const spec = rec(svc.spec);
  const ip = str(spec.clusterIP);
  const ports = arr(spec.ports);
  if (!ip || ip === 'None' || ports.length === 0) return [];
  const name = envName(str(rec(svc.metadata).name));
  const out: [string, string][] = [
    [`${name}_SERVICE_HOST`, ip],
    [`${name}_SERVICE_PORT`, String(num(ports[0]!.port))],
  ];
  for (const p of ports) if (str(p.name)) out.push([`${name}_SERVICE_PORT_${envName(str(p.name))}`, String(num(p.port))]);
  const proto = (p: Record<string, unknown>) => (str(p.protocol) || 'TCP').toLowerCase();
  out.push([`${name}_PORT`, `${proto(ports[0]!)}://${ip}:${num(ports[0]!.port)}`]);
  for (const p of ports) {
    const prefix = `${name}_PORT_${num(p.port)}_${proto(p).toUpperCase()}`;
    out.push([prefix, `${proto(p)}://${ip}:${num(p.port)}`], [`${prefix}_PROTO`, proto(p)], [`${prefix}_PORT`, String(num(p.port))], [`${prefix}_ADDR`, ip]);
  }
  return out;
}

/**
 * The service variables a container started at `startedAt` gets: every Service of its namespace that existed then
 * (unless `enableServiceLinks: false`), and always the `kubernetes` Service of `default`.
 */
export function serviceEnv(pod: Obj, services: Obj[], apiService: Obj | undefined, startedAt: number): [string, string][] {
  const spec = rec(pod.spec);
  const ns = str(rec(pod.metadata).namespace);
  const existed = (s: Obj) => Date.parse(str(rec(s.metadata).creationTimestamp)) <= startedAt;
  const picked = spec.enableServiceLinks === false ? [] : services.filter((s) => str(rec(s.metadata).namespace) === ns && existed(s));
  const all = [...picked.filter((s) => !(ns === 'default' && str(rec(s.metadata).name) === 'kubernetes'))];
  if (apiService) all.push(apiService);
  return all.sort((a, b) => str(rec(a.metadata).name).localeCompare(str(rec(b.metadata).name))).flatMap(serviceVars);
}
