/**
 * ClusterIP and NodePort allocation for Services, as the service REST storage does before validation:
 * IP family fields are initialised (single-stack IPv4 cluster), requested IPs and ports are claimed or
 * refused with upstream's messages, free ones are drawn. What a request claimed is remembered per object so
 * that it can be given back if the request fails later; dry runs give everything back at once.
 */
import { SERVICE_CIDR_BASE } from '../../allocators.ts';
import type { KubeObject } from '../../meta/types.ts';
import type { StrategyContext } from '../../registry/strategy.ts';
import { fe, invalidError, type FieldError } from '../shared/errors.ts';
import { goValue } from '../shared/go.ts';
import { child, isNil, list, objects, rec, str, type Json } from '../shared/json.ts';
import { isValidIPv4 } from '../shared/names.ts';
import { validateClusterIPFields } from './cluster-ips.ts';

export const SERVICE_CIDR = `${SERVICE_CIDR_BASE[0]}.${SERVICE_CIDR_BASE[1]}.0.0/16`;
export const NODE_PORT_RANGE = '30000-32767';

interface Held {
  ips: string[];
  ports: number[];
}

const held = new WeakMap<object, Held>();

function holding(obj: object): Held {
  let h = held.get(obj);
  if (!h) {
    h = { ips: [], ports: [] };
    held.set(obj, h);
  }
  return h;
}

/** Gives back what this request claimed (the request failed). */
export function releaseHeld(obj: object, ctx: StrategyContext): void {
  const h = held.get(obj);
  if (!h) return;
  for (const ip of h.ips) ctx.allocate.releaseClusterIP(ip);
  for (const port of h.ports) ctx.allocate.releaseNodePort(port);
  held.delete(obj);
}

function inServiceRange(ip: string): boolean {
  if (!isValidIPv4(ip)) return false;
  const [a, b, c, d] = ip.split('.').map(Number);
  if (a !== SERVICE_CIDR_BASE[0] || b !== SERVICE_CIDR_BASE[1]) return false;
  return !((c === 0 && d === 0) || (c === 255 && d === 255));
}

const needsNodePorts = (spec: Json) => spec.type === 'NodePort' || spec.type === 'LoadBalancer';
const shouldAllocateNodePorts = (spec: Json) => spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
const needsHealthCheck = (spec: Json) => spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';

class Allocation {
  constructor(
    private readonly svc: KubeObject,
    private readonly ctx: StrategyContext,
  ) {}

  private fail(errs: FieldError[]): never {
    releaseHeld(this.svc, this.ctx);
    throw invalidError('Service', '', this.svc.metadata.name ?? '', errs);
  }

  /** Defaults the IP family fields for this single-stack IPv4 cluster, refusing impossible requests. */
  initIPFamilies(spec: Json, old: Json | undefined): void {
    if (spec.type === 'ExternalName') return;
    const headlessSelectorless = spec.clusterIP === 'None' && Object.keys(rec(spec.selector)).length === 0;
    if (isNil(spec.ipFamilyPolicy)) {
      if (old && !isNil(old.ipFamilyPolicy)) spec.ipFamilyPolicy = old.ipFamilyPolicy;
      else spec.ipFamilyPolicy = headlessSelectorless ? 'RequireDualStack' : 'SingleStack';
    }
    const pre = validateClusterIPFields(spec);
    if (pre.length > 0) this.fail(pre);
    const errs: FieldError[] = [];
    const ips = list(spec.clusterIPs).map(str);
    if (spec.ipFamilyPolicy === 'SingleStack') {
      if (ips.length === 2) errs.push(fe.invalid('spec.ipFamilyPolicy', str(spec.ipFamilyPolicy), "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
      if (list(spec.ipFamilies).length === 2) errs.push(fe.invalid('spec.ipFamilyPolicy', str(spec.ipFamilyPolicy), "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
    const families = list(spec.ipFamilies).map(str);
    for (let i = 0; i < ips.length && ips[i] !== 'None'; i++) {
      if (i < families.length) continue;
      const family = isValidIPv4(ips[i]!) ? 'IPv4' : 'IPv6';
      if (family !== 'IPv4') errs.push(fe.invalid(`spec.clusterIPs[${i}]`, ips, `${family} is not configured on this cluster`));
      else families.push(family);
    }
    if (errs.length > 0) this.fail(errs);
    if (families.length > 0) spec.ipFamilies = families;
    if (headlessSelectorless) {
      if (families.length === 0) families.push('IPv4');
      if (families.length < 2 && spec.ipFamilyPolicy !== 'SingleStack') families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
      spec.ipFamilies = families;
      return;
    }
    if (spec.ipFamilyPolicy === 'RequireDualStack') errs.push(fe.invalid('spec.ipFamilyPolicy', 'RequireDualStack', 'this cluster is not configured for dual-stack services'));
    families.forEach((f, i) => {
      if (f !== 'IPv4') errs.push(fe.invalid(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
    });
    if (errs.length > 0) this.fail(errs);
    if (families.length === 0) spec.ipFamilies = ['IPv4'];
  }

  clusterIPs(spec: Json): void {
    if (spec.type === 'ExternalName') return;
    const ips = list(spec.clusterIPs).map(str);
    if (ips[0] === 'None') return;
    const requested = ips[0] ?? '';
    let ip: string;
    if (requested) {
      const reason = !inServiceRange(requested)
        ? `the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`
        : !this.ctx.allocate.reserveClusterIP(requested)
          ? 'provided IP is already allocated'
          : undefined;
      if (reason) this.fail([fe.invalidRaw('spec.clusterIPs', goValue(ips), `failed to allocate IP ${requested}: ${reason}`)]);
      ip = requested;
    } else {
      ip = this.ctx.allocate.clusterIP();
    }
    holding(this.svc).ips.push(ip);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip, ...ips.slice(1)];
  }

  private claimPort(port: number, field: string): void {
    const [lo, hi] = NODE_PORT_RANGE.split('-').map(Number) as [number, number];
    if (port < lo || port > hi) {
      this.fail([fe.invalid(field, port, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE}`)]);
    }
    if (!this.ctx.allocate.reserveNodePort(port)) this.fail([fe.invalid(field, port, 'provided port is already allocated')]);
    holding(this.svc).ports.push(port);
  }

  private nextPort(): number {
    const port = this.ctx.allocate.nodePort();
    holding(this.svc).ports.push(port);
    return port;
  }

  /** Claims requested node ports and draws missing ones; ports already owned (`kept`) are not claimed again. */
  nodePorts(spec: Json, kept: Set<number> = new Set()): void {
    if (!needsNodePorts(spec)) return;
    const byServicePort = new Map<number, number>();
    const ports = objects(spec.ports);
    const claimed = new Set<number>();
    ports.forEach((p, i) => {
      const field = `spec.ports[${i}].nodePort`;
      const current = Number(p.nodePort ?? 0);
      if (current === 0 && !shouldAllocateNodePorts(spec)) return;
      const port = Number(p.port ?? 0);
      const shared = byServicePort.get(port);
      if (shared === undefined) {
        const requested = current || (ports.find((q) => Number(q.port) === port && Number(q.nodePort ?? 0) !== 0)?.nodePort as number | undefined) || 0;
        if (requested) {
          if (!kept.has(requested) && !claimed.has(requested)) this.claimPort(requested, field);
          claimed.add(requested);
          p.nodePort = requested;
        } else p.nodePort = this.nextPort();
        byServicePort.set(port, Number(p.nodePort));
      } else if (current !== shared) {
        if (current === 0) p.nodePort = shared;
        else if (!kept.has(current) && !claimed.has(current)) {
          this.claimPort(current, field);
          claimed.add(current);
        }
      }
    });
  }

  healthCheckNodePort(spec: Json, kept: Set<number> = new Set()): void {
    if (!needsHealthCheck(spec)) return;
    const requested = Number(spec.healthCheckNodePort ?? 0);
    if (requested) {
      if (!kept.has(requested)) this.claimPort(requested, 'spec.healthCheckNodePort');
    } else spec.healthCheckNodePort = this.nextPort();
  }
}

export function allocateForCreate(svc: KubeObject, ctx: StrategyContext): void {
  const spec = child(svc, 'spec');
  const a = new Allocation(svc, ctx);
  a.initIPFamilies(spec, undefined);
  a.clusterIPs(spec);
  a.nodePorts(spec);
  a.healthCheckNodePort(spec);
  if (ctx.dryRun) releaseHeld(svc, ctx);
}

/** The node ports and ClusterIPs a stored Service owns. */
export function ownedBy(spec: Json): { ips: string[]; ports: number[] } {
  const ips = spec.type === 'ExternalName' ? [] : list(spec.clusterIPs).map(str).filter((ip) => ip && ip !== 'None');
  const ports = objects(spec.ports).map((p) => Number(p.nodePort ?? 0)).filter((p) => p > 0);
  if (Number(spec.healthCheckNodePort ?? 0) > 0) ports.push(Number(spec.healthCheckNodePort));
  return { ips, ports: [...new Set(ports)] };
}

export function releaseOwned(spec: Json, ctx: StrategyContext): void {
  const { ips, ports } = ownedBy(spec);
  for (const ip of ips) ctx.allocate.releaseClusterIP(ip);
  for (const port of ports) ctx.allocate.releaseNodePort(port);
}

/**
 * Allocation on update: ClusterIPs for a Service that leaves ExternalName, node ports for new or changed
 * ports. Returns what the old object owned that the new one no longer does, to give back once the update
 * is accepted.
 */
export function allocateForUpdate(svc: KubeObject, old: Json, ctx: StrategyContext): { ips: string[]; ports: number[] } {
  const spec = child(svc, 'spec');
  const a = new Allocation(svc, ctx);
  a.initIPFamilies(spec, old);
  if (old.type === 'ExternalName' && spec.type !== 'ExternalName') a.clusterIPs(spec);
  const before = ownedBy(old);
  a.nodePorts(spec, new Set(before.ports));
  a.healthCheckNodePort(spec, new Set(before.ports));
  if (ctx.dryRun) releaseHeld(svc, ctx);
  const after = ownedBy(spec);
  return { ips: before.ips.filter((ip) => !after.ips.includes(ip)), ports: before.ports.filter((p) => !after.ports.includes(p)) };
}
