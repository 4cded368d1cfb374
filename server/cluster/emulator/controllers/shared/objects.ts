/** Small readers of object state that several controllers share (upstream's podutil and metav1 helpers). */
import { parseTime } from '../../meta/time.ts';
import type { Condition, OwnerReference, Pod, StoredObject } from './types.ts';

export const key = (namespace: string | undefined, name: string): string => `${namespace ?? ''}/${name}`;

export function splitKey(k: string): { namespace: string; name: string } {
  const i = k.indexOf('/');
  return { namespace: k.slice(0, i), name: k.slice(i + 1) };
}

export const objectKey = (o: StoredObject): string => key(o.metadata.namespace, o.metadata.name);

/** The ownerReference with `controller: true`, if any (`metav1.GetControllerOf`). */
export function controllerOf(o: StoredObject | undefined): OwnerReference | undefined {
  return o?.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** An ownerReference marking `owner` as the managing controller (`metav1.NewControllerRef`). */
export function controllerRef(owner: StoredObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isDeleting(o: StoredObject | undefined): boolean {
  return !!o?.metadata.deletionTimestamp;
}

export function getCondition<C extends Condition>(conditions: C[] | undefined, type: string): C | undefined {
  return conditions?.find((c) => c.type === type);
}

export function podReadyCondition(pod: Pod): Condition | undefined {
  return getCondition(pod.status?.conditions, 'Ready');
}

export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/** Ready for at least `minReadySeconds` (strictly longer, as upstream's `Before`). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const ready = podReadyCondition(pod);
  if (ready?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = parseTime(ready.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

export const podPhase = (pod: Pod): string => pod.status?.phase ?? '';

export function isPodTerminal(pod: Pod): boolean {
  const phase = podPhase(pod);
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Neither finished nor being deleted (`controller.FilterActivePods`). */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

export function podIP(pod: Pod): string | undefined {
  return pod.status?.podIPs?.[0]?.ip ?? (pod.status?.podIP || undefined);
}

export function maxContainerRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/** Deep equality where absent, null, `{}` and `[]` are all the same (upstream's `Semantic.DeepEqual`). */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(normalize);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalize((v as Record<string, unknown>)[k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return v === null ? undefined : v;
}

export function clone<T>(v: T): T {
  return v === undefined ? v : structuredClone(v);
}

/** Drops entries whose value is undefined, so written objects carry no `"x": undefined` keys. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
