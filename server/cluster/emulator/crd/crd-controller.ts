import type { Controller, ControllerContext } from '../controllers/types.ts';
import { WorkQueue } from '../controllers/work-queue.ts';
import { formatTime } from '../meta/time.ts';
import type { StoredObject } from '../meta/types.ts';
import { definitionsOf, type CrdSpec } from './definitions.ts';

const CRDS = { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' };
const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

/**
 * Serves the custom resources CRDs define, as kube-apiserver's apiextensions controllers do: the
 * registry follows the CRDs, CRDs become Established, and deleting a CRD deletes its custom resources first.
 */
export const crdController: Controller = {
  name: 'customresourcedefinitions',
  start(ctx) {
    const refresh = () => ctx.registry.setCustom(ctx.store.list(CRDS).flatMap(definitionsOf));
    const queue = new WorkQueue((name) => reconcile(ctx, name, refresh), ctx.defer, ctx.clock);
    refresh();
    for (const crd of ctx.store.list(CRDS)) queue.add(crd.metadata.name);
    const unsubscribe = ctx.store.subscribe((e) => {
      if (e.key.group === CRDS.group && e.key.resource === CRDS.resource) {
        refresh();
        queue.add(e.object.metadata.name);
      }
    });
    return () => {
      unsubscribe();
      queue.stop();
    };
  },
};

function reconcile(ctx: ControllerContext, name: string, refresh: () => void): void {
  const def = ctx.registry.lookup(CRDS.group, 'v1', CRDS.resource)!;
  const crd = ctx.store.get(CRDS, undefined, name);
  if (!crd) return;
  if (crd.metadata.deletionTimestamp) {
    if (!crd.metadata.finalizers?.includes(CLEANUP_FINALIZER)) return;
    removeCustomResources(ctx, crd);
    ctx.api.update(def, undefined, name, {
      ...crd,
      metadata: { ...crd.metadata, finalizers: crd.metadata.finalizers.filter((f) => f !== CLEANUP_FINALIZER) },
    });
    refresh();
    return;
  }
  if (!crd.metadata.finalizers?.includes(CLEANUP_FINALIZER)) {
    ctx.api.update(def, undefined, name, { ...crd, metadata: { ...crd.metadata, finalizers: [...(crd.metadata.finalizers ?? []), CLEANUP_FINALIZER] } });
    return;
  }
  const spec = (crd as unknown as { spec: CrdSpec }).spec;
  const status = (crd as unknown as { status?: { conditions?: { type: string }[] } }).status;
  if (status?.conditions?.some((c) => c.type === 'Established')) return;
  const now = formatTime(ctx.clock.now());
  const storage = spec.versions.find((v) => v.storage)?.name ?? spec.versions[0]?.name;
  ctx.api.update(
    def,
    undefined,
    name,
    {
      ...crd,
      status: {
        conditions: [
          { type: 'NamesAccepted', status: 'True', lastTransitionTime: now, reason: 'NoConflicts', message: 'no conflicts found' },
          { type: 'Established', status: 'True', lastTransitionTime: now, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
        ],
        acceptedNames: { ...spec.names, singular: spec.names.singular || spec.names.kind.toLowerCase(), listKind: spec.names.listKind || `${spec.names.kind}List` },
        storedVersions: storage ? [storage] : [],
      },
    },
    { subresource: 'status' },
  );
}

function removeCustomResources(ctx: ControllerContext, crd: StoredObject): void {
  const spec = (crd as unknown as { spec: CrdSpec }).spec;
  const key = { group: spec.group, resource: spec.names.plural };
  for (const obj of ctx.store.list(key)) {
    ctx.store.remove(key, obj.metadata.namespace, obj.metadata.name);
  }
}
