/**
 * The ResourceQuota admission plugin: a create that would take a namespace past a quota is refused (403, in
 * upstream's words), a pod that leaves out compute resources a quota tracks is refused, and an admitted
 * create is charged to the quota's `status.used` at once, before the quota controller recounts.
 */
import { ApiError, errors } from '../meta/errors.ts';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import type { ResourceDef } from '../registry/types.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { addUsage, exceeded, fromJson, prettyPrint, toJson, type Usage } from './quantities.ts';
import { countedBy, missingCompute, objectUsage } from './usage.ts';

const ZERO = { mant: 0n, scale: 0, format: 'DecimalSI' as const };

export const QUOTAS = { group: '', resource: 'resourcequotas' };

export interface QuotaWriter {
  /** Writes a quota's status (`used` and `hard`); a conflict is retried by the caller. */
  writeStatus(quota: StoredObject, status: Record<string, unknown>): void;
}

interface Charge {
  quota: StoredObject;
  used: Usage;
}

/** Checks a create against the namespace's quotas and charges it; throws the 403 upstream answers. */
export function admitQuota(store: ObjectStore, writer: QuotaWriter, def: ResourceDef, obj: KubeObject, now: number, name: string, dryRun: boolean): void {
  if (!def.namespaced) return;
  const quotas = store.list(QUOTAS, obj.metadata.namespace);
  if (quotas.length === 0) return;
  const usage = objectUsage(def, obj, now);
  const charges: Charge[] = [];
  for (const quota of quotas) {
    const spec = (quota as { spec?: { hard?: Record<string, unknown> } }).spec;
    const hard = fromJson(spec?.hard);
    // The quota's resources that objects of this kind count for (even if this one counts nothing).
    const tracked = [...hard.keys()].filter((k) => {
      const r = countedBy(k);
      return r !== undefined && r.group === def.group && r.resource === def.resource;
    });
    if (tracked.length === 0) continue;
    const refuse = (why: string) => errors.forbiddenFor(def, name, why);
    if (def.group === '' && def.resource === 'pods') {
      const missing = missingCompute(obj, [...hard.keys()]);
      if (missing) throw refuse(`failed quota: ${quota.metadata.name}: ${missing}`);
    }
    const status = (quota as { status?: { hard?: Record<string, unknown>; used?: Record<string, unknown> } }).status;
    const known = fromJson(status?.hard);
    const unknown = tracked.filter((k) => !known.has(k));
    if (unknown.length > 0) throw refuse(`status unknown for quota: ${quota.metadata.name}, resources: ${unknown.sort().join(',')}`);
    const used = fromJson(status?.used);
    const requested: Usage = new Map(tracked.map((k) => [k, usage.get(k) ?? ZERO]));
    const base: Usage = new Map(tracked.map((k) => [k, used.get(k) ?? ZERO]));
    const after = addUsage(base, requested);
    const over = exceeded(after, known);
    if (over.length > 0) {
      throw refuse(
        `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(requested, over)}, used: ${prettyPrint(base, over)}, limited: ${prettyPrint(known, over)}`,
      );
    }
    charges.push({ quota, used: new Map([...used, ...after]) });
  }
  if (dryRun) return;
  for (const { quota, used } of charges) {
    const status = (quota as { status?: Record<string, unknown> }).status ?? {};
    try {
      writer.writeStatus(quota, { ...status, used: toJson(used) });
    } catch (e) {
      // The quota changed meanwhile; the controller's recount catches up.
      if (!(e instanceof ApiError && e.code === 409)) throw e;
    }
  }
}
