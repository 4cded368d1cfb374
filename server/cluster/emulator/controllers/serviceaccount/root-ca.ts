/**
 * The root CA publisher: every active namespace has the ConfigMap `kube-root-ca.crt` holding the
 * cluster's CA bundle under `ca.crt` (what pods mount with their ServiceAccount token), kept as written.
 */
import type { StoredObject } from '../../meta/types.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { isAlreadyExists, isNamespaceTerminating, isNotFound, TypedClient } from '../shared/api.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { semanticEqual } from '../shared/objects.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';

type Namespace = StoredObject & { status?: { phase?: string } };
type ConfigMap = StoredObject & { data?: Record<string, string> };

export class RootCaPublisher extends ReconcileLoop {
  readonly name = 'root-ca-cert-publisher';
  private namespaces!: TypedClient<Namespace>;
  private configMaps!: TypedClient<ConfigMap>;

  constructor(private readonly caPem: string) {
    super();
  }

  protected override setup(): void {
    this.namespaces = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'namespaces'));
    this.configMaps = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'configmaps'));
  }

  protected initialKeys(): string[] {
    return this.namespaces.list().map((ns) => ns.metadata.name);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('namespaces')) && e.type !== 'DELETED') this.queue.add(e.object.metadata.name);
    else if (sameKey(e.key, storageOf('configmaps')) && e.object.metadata.name === ROOT_CA_CONFIGMAP && e.type !== 'ADDED') {
      this.queue.add(e.object.metadata.namespace ?? '');
    }
  }

  protected reconcile(name: string): void {
    const ns = this.namespaces.get(undefined, name);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    const data = { 'ca.crt': this.caPem };
    const cm = this.configMaps.get(name, ROOT_CA_CONFIGMAP);
    try {
      if (!cm) {
        this.configMaps.create(name, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIGMAP, namespace: name, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
          data,
        });
        return;
      }
      if (semanticEqual(cm.data, data) && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
      this.configMaps.update(cm, (o) => {
        o.data = data;
        o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION };
      });
    } catch (e) {
      if (!isAlreadyExists(e) && !isNamespaceTerminating(e) && !isNotFound(e)) throw e;
    }
  }
}
