/**
 * Services: defaults, ClusterIP/NodePort allocation on create and update (values the client left out on
 * update are kept, fields a type change no longer needs are dropped), validation, and release of what the
 * Service owned when it is deleted or when a request that claimed something fails.
 */
import type { Strategy, StrategyContext } from '../../registry/strategy.ts';
import type { KubeObject } from '../../meta/types.ts';
import { validateObjectName } from '../../validation/names.ts';
import type { KindContext } from '../kind.ts';
import { child, isNil, objects, rec, semanticEqual, str, type Json } from '../shared/json.ts';
import { allocateForCreate, allocateForUpdate, releaseHeld, releaseOwned } from './allocate.ts';
import { defaultService, externallyAccessible, normalizeClusterIPs } from './defaults.ts';
import { validateService, validateServiceUpdate } from './validate.ts';

const needsNodePort = (s: Json) => s.type === 'NodePort' || s.type === 'LoadBalancer';
const needsHealthCheck = (s: Json) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';

/** Keeps allocated values an update left out (clients that PUT a manifest without clusterIP or nodePorts). */
function patchAllocatedValues(spec: Json, old: Json): void {
  if (old.type !== 'ExternalName' && spec.type !== 'ExternalName') {
    if (!str(spec.clusterIP)) spec.clusterIP = old.clusterIP;
    const empty = !Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0;
    if (empty && Array.isArray(old.clusterIPs) && old.clusterIPs.length > 0) spec.clusterIPs = old.clusterIPs;
  }
  if (needsNodePort(old) && needsNodePort(spec)) {
    const used = (s: Json) => new Set(objects(s.ports).map((p) => Number(p.nodePort ?? 0)).filter((n) => n > 0));
    const inBoth = [...used(old)].filter((n) => used(spec).has(n));
    const byName = new Map(objects(old.ports).map((p) => [str(p.name), Number(p.nodePort ?? 0)]));
    for (const p of objects(spec.ports)) {
      if (Number(p.nodePort ?? 0) !== 0) continue;
      const previous = byName.get(str(p.name)) ?? 0;
      if (previous && !inBoth.includes(previous)) p.nodePort = previous;
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(spec) && !spec.healthCheckNodePort) spec.healthCheckNodePort = old.healthCheckNodePort;
}

function dropTypeDependentFields(svc: KubeObject, spec: Json, old: Json): void {
  if (old.type !== 'ExternalName' && spec.type === 'ExternalName') {
    if (semanticEqual(spec.clusterIPs, old.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (semanticEqual(spec.ipFamilies, old.ipFamilies)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === old.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(spec)) {
    const same = semanticEqual(objects(spec.ports).map((p) => p.nodePort ?? 0), objects(old.ports).map((p) => p.nodePort ?? 0));
    if (same) for (const p of objects(spec.ports)) delete p.nodePort;
  }
  if (needsHealthCheck(old) && !needsHealthCheck(spec) && spec.healthCheckNodePort === old.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (old.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (!isNil(spec.allocateLoadBalancerNodePorts) && spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if (!isNil(spec.loadBalancerClass) && spec.loadBalancerClass === old.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(old) && !externallyAccessible(spec) && spec.externalTrafficPolicy === old.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
  if (spec.type !== 'LoadBalancer') child(svc, 'status').loadBalancer = {};
}

/** What an accepted update should give back: old allocations the new object no longer holds. */
const pendingRelease = new WeakMap<object, { ips: string[]; ports: number[] }>();

export function serviceStrategy(k: KindContext): Strategy {
  /** Whether the request will fail for reasons ResourceApi checks itself (name, existing object). */
  const failsElsewhere = (obj: KubeObject, old: unknown, ctx: StrategyContext) =>
    !old && (validateObjectName(k.def, obj.metadata.name ?? '').length > 0 || ctx.store.get(k.def.storage, obj.metadata.namespace, obj.metadata.name ?? '') !== undefined);

  return {
    statusSubresource: true,
    defaults: (obj) => defaultService(obj),
    prepareForCreate(obj, ctx) {
      obj.status = { loadBalancer: {} };
      const spec = child(obj, 'spec');
      normalizeClusterIPs(spec, undefined);
      // A Service that already exists is refused with 409 later; don't take an address for it.
      const exists = ctx.store.get(k.def.storage, obj.metadata.namespace, obj.metadata.name ?? '') !== undefined;
      if (exists && !str(spec.clusterIP) && objects(spec.ports).every((p) => !p.nodePort)) return;
      allocateForCreate(obj, ctx);
    },
    prepareForUpdate(obj, old, ctx) {
      const spec = child(obj, 'spec');
      const before = rec(old.spec);
      patchAllocatedValues(spec, before);
      // Upstream syncs clusterIP and clusterIPs before anything reads them: a client that changes only the
      // singular field then meets `may not change once set`, not a mismatch between the two.
      normalizeClusterIPs(spec, before);
      const release = allocateForUpdate(obj, before, ctx);
      dropTypeDependentFields(obj, spec, before);
      if (!ctx.dryRun) pendingRelease.set(obj, release);
    },
    validate(obj, old, ctx) {
      const spec = rec(obj.spec);
      const errs = validateService(spec);
      if (old) errs.unshift(...validateServiceUpdate(spec, rec(old.spec)));
      if (errs.length > 0 || failsElsewhere(obj, old, ctx)) {
        releaseHeld(obj, ctx);
        pendingRelease.delete(obj);
        return errs;
      }
      const release = pendingRelease.get(obj);
      if (release) {
        for (const ip of release.ips) ctx.allocate.releaseClusterIP(ip);
        for (const port of release.ports) ctx.allocate.releaseNodePort(port);
        pendingRelease.delete(obj);
      }
      return errs;
    },
    afterDelete(obj, ctx) {
      if (!ctx.dryRun) releaseOwned(rec(obj.spec), ctx);
    },
  };
}
