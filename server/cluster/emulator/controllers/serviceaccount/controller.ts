/** The ServiceAccount controller: every active namespace has a `default` ServiceAccount. */
import type { StoredObject } from '../../meta/types.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { isAlreadyExists, isNamespaceTerminating, isNotFound, TypedClient } from '../shared/api.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';

export const DEFAULT_SERVICE_ACCOUNT = 'default';

type Namespace = StoredObject & { status?: { phase?: string } };

export class ServiceAccountController extends ReconcileLoop {
  readonly name = 'serviceaccount-controller';
  private namespaces!: TypedClient<Namespace>;
  private accounts!: TypedClient<StoredObject>;

  protected override setup(): void {
    this.namespaces = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'namespaces'));
    this.accounts = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'serviceaccounts'));
  }

  protected initialKeys(): string[] {
    return this.namespaces.list().map((ns) => ns.metadata.name);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('namespaces')) && e.type !== 'DELETED') this.queue.add(e.object.metadata.name);
    else if (sameKey(e.key, storageOf('serviceaccounts')) && e.type === 'DELETED' && e.object.metadata.name === DEFAULT_SERVICE_ACCOUNT) {
      this.queue.add(e.object.metadata.namespace ?? '');
    }
  }

  protected reconcile(name: string): void {
    const ns = this.namespaces.get(undefined, name);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    if (this.accounts.get(name, DEFAULT_SERVICE_ACCOUNT)) return;
    try {
      this.accounts.create(name, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace: name } });
    } catch (e) {
      if (!isAlreadyExists(e) && !isNamespaceTerminating(e) && !isNotFound(e)) throw e;
    }
  }
}
