/**
 * What an object counts against a ResourceQuota, as upstream's quota evaluators measure it: pods their
 * compute requests and limits (while not finished), services, claims and any object its `count/<resource>`,
 * plus the short names kube-apiserver has always counted (`configmaps`, `secrets`, `services`…).
 */
import type { KubeObject } from '../meta/types.ts';
import type { ResourceDef } from '../registry/types.ts';
import { compareQuantity, type Quantity } from '../strategies/shared/quantity.ts';
import { addQuantity, quantity, type Usage } from './quantities.ts';

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(rec) : []);
const ONE: Quantity = { mant: 1n, scale: 0, format: 'DecimalSI' };

/** Resources counted by their plain name besides `count/…`. */
const LEGACY_COUNTS: Record<string, string> = {
  '/pods': 'pods',
  '/services': 'services',
  '/configmaps': 'configmaps',
  '/secrets': 'secrets',
  '/persistentvolumeclaims': 'persistentvolumeclaims',
  '/replicationcontrollers': 'replicationcontrollers',
  '/resourcequotas': 'resourcequotas',
};

/** `count/deployments.apps`, `count/pods`. */
export function countName(def: ResourceDef): string {
  return def.group ? `count/${def.resource}.${def.group}` : `count/${def.resource}`;
}

/** A pod is charged compute quota until it finishes, or its grace period after deletion runs out. */
export function podCharged(pod: KubeObject, now: number): boolean {
  const phase = rec(pod.status).phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const deleted = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (deleted && grace !== undefined && now > Date.parse(deleted) + grace * 1000) return false;
  return true;
}

/** The compute a pod asks for: its containers' sum, or its largest init container if that is more. */
function podResources(pod: KubeObject, field: 'requests' | 'limits'): Map<string, Quantity> {
  const spec = rec(pod.spec);
  const sum = new Map<string, Quantity>();
  for (const c of list(spec.containers)) {
    for (const [k, v] of Object.entries(rec(rec(c.resources)[field]))) sum.set(k, sum.has(k) ? addQuantity(sum.get(k)!, quantity(v)) : quantity(v));
  }
  for (const c of list(spec.initContainers)) {
    for (const [k, v] of Object.entries(rec(rec(c.resources)[field]))) {
      const q = quantity(v);
      const current = sum.get(k);
      if (!current || compareQuantity(q, current) > 0) sum.set(k, q);
    }
  }
  return sum;
}

/** `podComputeUsageHelper`: pods=1 and each compute resource under its plain and prefixed names. */
export function computeUsage(requests: Map<string, Quantity>, limits: Map<string, Quantity>): Usage {
  const out: Usage = new Map([['pods', ONE]]);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = requests.get(r);
    if (req) {
      out.set(r, req);
      out.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) out.set(`limits.${r}`, lim);
  }
  return out;
}

export function podUsage(pod: KubeObject, now: number): Usage {
  const usage: Usage = new Map([['count/pods', ONE]]);
  if (!podCharged(pod, now)) return usage;
  for (const [k, v] of computeUsage(podResources(pod, 'requests'), podResources(pod, 'limits'))) usage.set(k, v);
  return usage;
}

/** Everything `obj` counts for. */
export function objectUsage(def: ResourceDef, obj: KubeObject, now: number): Usage {
  const usage: Usage = new Map([[countName(def), ONE]]);
  const legacy = def.group === '' ? LEGACY_COUNTS[`/${def.resource}`] : undefined;
  if (legacy) usage.set(legacy, ONE);
  if (def.group === '' && def.resource === 'pods') for (const [k, v] of podUsage(obj, now)) usage.set(k, v);
  if (def.group === '' && def.resource === 'services') {
    const spec = rec(obj.spec);
    const nodePorts = list(spec.ports).filter((p) => p.nodePort !== undefined).length;
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') usage.set('services.nodeports', { mant: BigInt(nodePorts), scale: 0, format: 'DecimalSI' });
    if (spec.type === 'LoadBalancer') usage.set('services.loadbalancers', ONE);
  }
  if (def.group === '' && def.resource === 'persistentvolumeclaims') {
    const storage = rec(rec(rec(obj.spec).resources).requests).storage;
    if (storage !== undefined) {
      usage.set('requests.storage', quantity(storage));
      const cls = rec(obj.spec).storageClassName;
      if (typeof cls === 'string' && cls) {
        usage.set(`${cls}.storageclass.storage.k8s.io/requests.storage`, quantity(storage));
        usage.set(`${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`, ONE);
      }
    }
  }
  return usage;
}

/** The compute resources a quota makes every container declare (upstream's validationSet). */
export const DECLARED_COMPUTE = ['cpu', 'limits.cpu', 'limits.memory', 'memory', 'requests.cpu', 'requests.memory'];

/**
 * `must specify limits.cpu for: app; requests.memory for: app,sidecar`: the compute resources a quota tracks
 * that some container leaves out; undefined when every container declares them.
 */
export function missingCompute(pod: KubeObject, tracked: string[]): string | undefined {
  const required = DECLARED_COMPUTE.filter((r) => tracked.includes(r));
  if (required.length === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  const spec = rec(pod.spec);
  for (const c of [...list(spec.containers), ...list(spec.initContainers)]) {
    const res = rec(c.resources);
    const toMap = (v: unknown) => new Map(Object.entries(rec(v)).map(([k, q]) => [k, quantity(q)]));
    const has = computeUsage(toMap(res.requests), toMap(res.limits));
    for (const r of required) if (!has.has(r)) missing.set(r, (missing.get(r) ?? new Set()).add(String(c.name)));
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/** The resource whose objects a quota key counts (`requests.cpu` → pods, `count/jobs.batch` → batch jobs). */
export function countedBy(key: string): { group: string; resource: string } | undefined {
  if (key.startsWith('count/')) {
    const [resource, ...group] = key.slice('count/'.length).split('.');
    return { group: group.join('.'), resource: resource! };
  }
  if (key === 'requests.storage' || key === 'persistentvolumeclaims' || key.includes('.storageclass.storage.k8s.io/')) return { group: '', resource: 'persistentvolumeclaims' };
  if (key === 'services' || key.startsWith('services.')) return { group: '', resource: 'services' };
  if (['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas'].includes(key)) return { group: '', resource: key };
  if (key === 'pods' || /^(requests\.|limits\.)?(cpu|memory|ephemeral-storage)$/.test(key) || key.includes('hugepages-')) return { group: '', resource: 'pods' };
  return undefined;
}
