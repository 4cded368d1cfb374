/**
 * The namespace controller: a namespace being deleted turns Terminating, every namespaced object in it
 * is deleted (types in discovery order), the deletion conditions report what is left, and once it is
 * empty the `kubernetes` finalizer is removed from spec.finalizers (the finalize subresource), after
 * which the API server removes the namespace.
 *
 * The API server's part (setting deletionTimestamp and phase Terminating while spec.finalizers is not
 * empty, and removing the namespace when it empties) belongs to the namespace registry. If a namespace
 * is removed outright instead, whatever it still held is deleted here as well, so nothing is stranded.
 */
import type { StoredObject } from '../../meta/types.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { ignoreNotFound, TypedClient } from '../shared/api.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { clone } from '../shared/objects.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';
import type { Condition } from '../shared/types.ts';
import { failures, updateConditions } from './conditions.ts';
import { deletableTypes, deleteAllContent, deletionTime } from './content.ts';

const FINALIZER = 'kubernetes';
const GONE = 'gone:';

type Namespace = StoredObject & { spec?: { finalizers?: string[] }; status?: { phase?: string; conditions?: Condition[] } };

export class NamespaceController extends ReconcileLoop {
  readonly name = 'namespace-controller';
  private namespaces!: TypedClient<Namespace>;

  protected override setup(): void {
    this.namespaces = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'namespaces'));
  }

  protected initialKeys(): string[] {
    return this.namespaces.list().filter((ns) => ns.metadata.deletionTimestamp).map((ns) => ns.metadata.name);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('namespaces'))) {
      if (e.type === 'DELETED') this.queue.add(GONE + e.object.metadata.name);
      else if (e.object.metadata.deletionTimestamp) this.queue.add(e.object.metadata.name);
      return;
    }
    // Progress inside a terminating namespace: look again as its content goes away.
    const ns = e.object.metadata.namespace;
    if (!ns || e.type === 'ADDED') return;
    const owner = this.namespaces.get(undefined, ns);
    if (owner?.metadata.deletionTimestamp) this.queue.add(ns);
  }

  protected reconcile(k: string): void {
    if (k.startsWith(GONE)) {
      this.purge(k.slice(GONE.length));
      return;
    }
    let ns = this.namespaces.get(undefined, k);
    if (!ns?.metadata.deletionTimestamp) return;
    if (ns.status?.phase !== 'Terminating') ns = this.namespaces.updateStatus(ns, { ...(ns.status ?? {}), phase: 'Terminating' });
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER)) return;
    const now = this.now();
    const { estimate, totals } = deleteAllContent(this.ctx.api, this.ctx.store, this.ctx.registry, k, deletionTime(ns), now);
    const latest = this.namespaces.get(undefined, k);
    if (!latest) return;
    const { conditions, changed } = updateConditions(latest.status?.conditions, failures(totals), now);
    if (changed) this.namespaces.updateStatus(latest, { ...(latest.status ?? {}), phase: 'Terminating', conditions });
    if (totals.errors.length > 0) throw new Error(totals.errors.join(', '));
    if (estimate > 0 || totals.remaining.size > 0) {
      this.requeueAfter(k, Math.max(estimate, 1) * 1000);
      return;
    }
    this.finalize(k);
  }

  /** Removes the `kubernetes` finalizer through the finalize subresource. */
  private finalize(name: string): void {
    const ns = this.namespaces.get(undefined, name);
    if (!ns) return;
    const copy = clone(ns);
    copy.spec = { ...(copy.spec ?? {}), finalizers: (copy.spec?.finalizers ?? []).filter((f) => f !== FINALIZER) };
    ignoreNotFound(() => this.ctx.api.update(this.namespaces.def, undefined, name, copy, { subresource: 'finalize' }));
  }

  /** A namespace that is already gone: delete what it still held. */
  private purge(name: string): void {
    if (this.namespaces.get(undefined, name)) return;
    for (const def of deletableTypes(this.ctx.registry)) {
      for (const obj of this.ctx.store.list(def.storage, name)) {
        if (obj.metadata.deletionTimestamp) continue;
        ignoreNotFound(() => this.ctx.api.delete(def, name, obj.metadata.name, { propagationPolicy: 'Background' }));
      }
    }
  }
}
