/** `SetDefaults_Service`, and how the registry keeps `clusterIP`/`clusterIPs` in step (NormalizeClusterIPs). */
import { child, defaultPtr, defaultStr, eachObject, isNil, list, rec, str, type Json } from '../shared/json.ts';

export const externallyAccessible = (spec: Json): boolean =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && list(spec.externalIPs).length > 0);

export function defaultService(obj: Json): void {
  const spec = child(obj, 'spec');
  defaultStr(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const timeout = rec(rec(spec.sessionAffinityConfig).clientIP).timeoutSeconds;
    if (isNil(timeout)) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  defaultStr(spec, 'type', 'ClusterIP');
  eachObject(spec, 'ports', (p) => {
    defaultStr(p, 'protocol', 'TCP');
    if (isNil(p.targetPort) || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  });
  if (externallyAccessible(spec)) defaultStr(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') defaultPtr(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') defaultPtr(spec, 'allocateLoadBalancerNodePorts', true);
}

const sameIPs = (a: Json, b: Json) => JSON.stringify(list(a.clusterIPs)) === JSON.stringify(list(b.clusterIPs));

/** Keeps the singular and plural ClusterIP fields consistent, as old and new clients may set either. */
export function normalizeClusterIPs(spec: Json, old: Json | undefined): void {
  if (!old) {
    if (str(spec.clusterIP) && list(spec.clusterIPs).length === 0) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  if (list(old.clusterIPs).length > 0 && list(spec.clusterIPs).length === 0 && str(old.clusterIP) === str(spec.clusterIP)) {
    spec.clusterIPs = old.clusterIPs;
  }
  if (str(old.clusterIP) !== str(spec.clusterIP)) {
    if (str(old.clusterIP) && !str(spec.clusterIP)) {
      if (sameIPs(old, spec)) delete spec.clusterIPs;
    } else if (sameIPs(old, spec)) {
      spec.clusterIPs = [spec.clusterIP];
    }
  }
}
