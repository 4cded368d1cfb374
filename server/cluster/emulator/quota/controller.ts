/**
 * The resource quota controller: every ResourceQuota's status holds its hard limits and what its namespace
 * uses of each, recounted whenever the quota or an object it may count changes.
 */
import { ReconcileLoop } from '../controllers/shared/loop.ts';
import type { StoredObject } from '../meta/types.ts';
import type { ResourceDef } from '../registry/types.ts';
import type { StoreEvent } from '../storage/object-store.ts';
import { QUOTAS } from './admission.ts';
import { addUsage, fromJson, toJson, zeroUsage } from './quantities.ts';
import { countedBy, objectUsage } from './usage.ts';

/** Writes that never change what a quota counts: skipping them keeps busy namespaces cheap. */
const IGNORED = new Set(['/events', 'events.k8s.io/events', 'coordination.k8s.io/leases', '/endpoints', 'discovery.k8s.io/endpointslices']);

type Quota = StoredObject & { spec?: { hard?: Record<string, unknown> }; status?: Record<string, unknown> };

export class ResourceQuotaController extends ReconcileLoop {
  readonly name = 'resourcequota-controller';

  protected initialKeys(): string[] {
    return this.ctx.store.list(QUOTAS).map((q) => `${q.metadata.namespace}/${q.metadata.name}`);
  }

  protected onEvent(e: StoreEvent): void {
    const ns = e.object.metadata.namespace;
    if (!ns || IGNORED.has(`${e.key.group}/${e.key.resource}`)) return;
    if (e.key.group === QUOTAS.group && e.key.resource === QUOTAS.resource) {
      if (e.type === 'DELETED') return;
      // Our own status writes change nothing to count.
      if (e.type === 'MODIFIED' && JSON.stringify((e.object as Quota).spec) === JSON.stringify((e.previous as Quota | undefined)?.spec)) return;
    }
    for (const q of this.ctx.store.list(QUOTAS, ns)) this.queue.add(`${ns}/${q.metadata.name}`);
  }

  protected reconcile(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const quota = this.ctx.store.get(QUOTAS, namespace, name) as Quota | undefined;
    if (!quota || quota.metadata.deletionTimestamp) return;
    const hard = fromJson(quota.spec?.hard);
    let used = zeroUsage(hard.keys());
    const now = this.now();
    for (const def of this.countedDefs([...hard.keys()])) {
      for (const obj of this.ctx.store.list(def.storage, namespace)) used = addUsage(used, objectUsage(def, obj, now));
    }
    const status = { hard: toJson(hard), used: toJson(used) };
    if (JSON.stringify(status) === JSON.stringify(quota.status)) return;
    const def = this.ctx.registry.lookup('', 'v1', 'resourcequotas')!;
    this.ctx.api.update(def, namespace, name, { ...quota, status }, { subresource: 'status' });
  }

  /** One served version of each type the keys count, so that every stored object is counted once. */
  private countedDefs(keys: string[]): ResourceDef[] {
    const wanted = new Set(keys.map(countedBy).filter((r) => r !== undefined).map((r) => `${r.group}/${r.resource}`));
    const seen = new Set<string>();
    const out: ResourceDef[] = [];
    for (const def of this.ctx.registry.all()) {
      const k = `${def.group}/${def.resource}`;
      if (!def.namespaced || !wanted.has(k) || seen.has(k) || !def.verbs.includes('list')) continue;
      seen.add(k);
      out.push(def);
    }
    return out;
  }
}
