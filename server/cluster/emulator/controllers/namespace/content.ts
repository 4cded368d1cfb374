/** Deleting everything in a namespace, type by type, and counting what is left (upstream's namespaced resources deleter). */
import type { ResourceApi } from '../../apiserver/resource-api.ts';
import { parseTime } from '../../meta/time.ts';
import type { StoredObject } from '../../meta/types.ts';
import type { Registry } from '../../registry/registry.ts';
import type { ResourceDef } from '../../registry/types.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { errorMessage, isNotFound } from '../shared/api.ts';
import type { ContentTotals } from './conditions.ts';

/** When items remain only because of finalizers, look again after this long. */
export const FINALIZER_ESTIMATE_SECONDS = 15;
const DEFAULT_GRACE_SECONDS = 30;

/** The preferred version of every namespaced type that can be listed and deleted. */
export function deletableTypes(registry: Registry): ResourceDef[] {
  const seen = new Set<string>();
  const out: ResourceDef[] = [];
  for (const d of registry.all()) {
    if (!d.namespaced || !d.verbs.includes('delete') || !d.verbs.includes('list')) continue;
    const k = `${d.group}/${d.resource}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}

export interface DeleteOutcome {
  /** Seconds to wait before checking again (0: nothing to wait for). */
  estimate: number;
  totals: ContentTotals;
}

export function deleteAllContent(api: ResourceApi, store: ObjectStore, registry: Registry, namespace: string, deletedAt: number, now: number): DeleteOutcome {
  const totals: ContentTotals = { remaining: new Map(), finalizers: new Map(), errors: [] };
  let estimate = 0;
  for (const def of deletableTypes(registry)) {
    const gr = `${def.resource}.${def.group}`;
    const local = def.group === '' && def.resource === 'pods' ? podsEstimate(store.list(def.storage, namespace), deletedAt, now) : 0;
    for (const obj of store.list(def.storage, namespace)) {
      if (obj.metadata.deletionTimestamp) continue;
      try {
        api.delete(def, namespace, obj.metadata.name, { propagationPolicy: 'Background' });
      } catch (e) {
        if (!isNotFound(e)) totals.errors.push(errorMessage(e));
      }
    }
    const left = store.list(def.storage, namespace);
    if (left.length === 0) continue;
    totals.remaining.set(gr, (totals.remaining.get(gr) ?? 0) + left.length);
    const withFinalizers = countFinalizers(left, totals.finalizers);
    if (local > 0) estimate = Math.max(estimate, local);
    else if (withFinalizers) estimate = Math.max(estimate, FINALIZER_ESTIMATE_SECONDS);
    else totals.errors.push(`unexpected items still remain in namespace: ${namespace} for gvr: ${def.group}/${def.version}, Resource=${def.resource}`);
  }
  return { estimate, totals };
}

function countFinalizers(objs: StoredObject[], into: Map<string, number>): boolean {
  let any = false;
  for (const o of objs) {
    for (const f of o.metadata.finalizers ?? []) {
      into.set(f, (into.get(f) ?? 0) + 1);
      any = true;
    }
  }
  return any;
}

/** The longest grace period of a running pod, unless the namespace has been terminating longer than that. */
function podsEstimate(pods: StoredObject[], deletedAt: number, now: number): number {
  let estimate = 0;
  for (const p of pods) {
    const phase = (p as { status?: { phase?: string } }).status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const grace = (p as { spec?: { terminationGracePeriodSeconds?: number } }).spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
    estimate = Math.max(estimate, grace);
  }
  return now - deletedAt >= estimate * 1000 ? 0 : estimate;
}

export const deletionTime = (ns: StoredObject): number => parseTime(ns.metadata.deletionTimestamp) ?? 0;
