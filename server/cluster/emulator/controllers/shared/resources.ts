/** The resource types the control loops read and write, looked up in the cluster's registry. */
import type { Registry } from '../../registry/registry.ts';
import type { ResourceDef } from '../../registry/types.ts';
import type { ResourceKey } from '../../storage/object-store.ts';

export const GVR = {
  pods: ['', 'v1', 'pods'],
  events: ['', 'v1', 'events'],
  namespaces: ['', 'v1', 'namespaces'],
  nodes: ['', 'v1', 'nodes'],
  services: ['', 'v1', 'services'],
  endpoints: ['', 'v1', 'endpoints'],
  configmaps: ['', 'v1', 'configmaps'],
  serviceaccounts: ['', 'v1', 'serviceaccounts'],
  persistentvolumeclaims: ['', 'v1', 'persistentvolumeclaims'],
  deployments: ['apps', 'v1', 'deployments'],
  replicasets: ['apps', 'v1', 'replicasets'],
  daemonsets: ['apps', 'v1', 'daemonsets'],
  statefulsets: ['apps', 'v1', 'statefulsets'],
  controllerrevisions: ['apps', 'v1', 'controllerrevisions'],
  jobs: ['batch', 'v1', 'jobs'],
  cronjobs: ['batch', 'v1', 'cronjobs'],
  endpointslices: ['discovery.k8s.io', 'v1', 'endpointslices'],
  hpaV2: ['autoscaling', 'v2', 'horizontalpodautoscalers'],
  hpaV1: ['autoscaling', 'v1', 'horizontalpodautoscalers'],
  poddisruptionbudgets: ['policy', 'v1', 'poddisruptionbudgets'],
  replicationcontrollers: ['', 'v1', 'replicationcontrollers'],
  resourcequotas: ['', 'v1', 'resourcequotas'],
  limitranges: ['', 'v1', 'limitranges'],
} as const satisfies Record<string, readonly [string, string, string]>;

export type Kind = keyof typeof GVR;

/** The served definition of a built-in type; throws if the registry lacks it (a wiring error). */
export function defOf(registry: Registry, kind: Kind): ResourceDef {
  const [g, v, r] = GVR[kind];
  const d = registry.lookup(g, v, r);
  if (!d) throw new Error(`the emulator serves no ${r}.${g || 'core'}/${v}`);
  return d;
}

/** Storage identity of a built-in type, for matching store events. */
export function storageOf(kind: Kind): ResourceKey {
  const [g, , r] = GVR[kind];
  return { group: g, resource: r };
}

export const sameKey = (a: ResourceKey, b: ResourceKey): boolean => a.group === b.group && a.resource === b.resource;

/** The definition serving `apiVersion`/`kind` (for ownerReferences and HPA targets). */
export function defForKind(registry: Registry, apiVersion: string, kind: string): ResourceDef | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
  const all = registry.all().filter((d) => d.group === group && d.kind === kind);
  return all.find((d) => d.version === version) ?? all[0];
}
