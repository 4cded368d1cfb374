/**
 * Creates bootstrap objects through the API as their owners would: the object first, then its status through
 * the status subresource (a kubelet registers its Node, then reports its capacity and conditions).
 */
import type { ResourceApi } from '../apiserver/resource-api.ts';
import { ApiError } from '../meta/errors.ts';
import type { KubeObject } from '../meta/types.ts';
import type { Registry } from '../registry/registry.ts';
import { gvString } from '../registry/types.ts';

export function createBootstrapObjects(api: ResourceApi, registry: Registry, objects: KubeObject[]): void {
  for (const obj of objects) {
    const def = registry.all().find((d) => d.kind === obj.kind && gvString(d) === obj.apiVersion);
    if (!def) throw new Error(`bootstrap: the cluster does not serve ${obj.apiVersion} ${obj.kind}`);
    let created;
    try {
      created = api.create(def, obj.metadata.namespace, obj).object;
    } catch (e) {
      if (e instanceof ApiError && e.code === 409) continue;
      throw e;
    }
    if (obj.status !== undefined && def.subresources?.some((s) => s.name === 'status') && JSON.stringify(created.status) !== JSON.stringify(obj.status)) {
      api.update(def, created.metadata.namespace, created.metadata.name, { ...created, status: obj.status }, { subresource: 'status' });
    }
  }
}
