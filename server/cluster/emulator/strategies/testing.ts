/**
 * Test support: a ResourceApi with the real strategies, converter and allocators over an empty store,
 * with the `default` and `kube-system` namespaces and their `default` ServiceAccounts.
 */
import { ResourceApi } from '../apiserver/resource-api.ts';
import { createAllocators } from '../allocators.ts';
import { ManualClock } from '../clock.ts';
import { createConverter } from '../conversion/index.ts';
import { ApiError } from '../meta/errors.ts';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import { Registry } from '../registry/registry.ts';
import type { ResourceDef } from '../registry/types.ts';
import { ObjectStore } from '../storage/object-store.ts';
import { createStrategies } from './index.ts';

export const NOW = '2026-05-01T10:00:00Z';

export interface TestCluster {
  api: ResourceApi;
  store: ObjectStore;
  registry: Registry;
  clock: ManualClock;
  /** The served type for `group`, `version` and plural `resource`. */
  def(group: string, version: string, resource: string): ResourceDef;
  /** Creates `body` (namespace from its metadata, else `default` for namespaced types). */
  create(group: string, version: string, resource: string, body: object): StoredObject;
  /** The error a write throws. */
  fails(write: () => unknown): ApiError;
}

export function testCluster(): TestCluster {
  const clock = new ManualClock(Date.parse(NOW));
  const store = new ObjectStore(clock);
  const registry = new Registry();
  const api = new ResourceApi({ store, registry, clock, allocate: createAllocators(store), strategies: createStrategies(), converter: createConverter() });
  const def = (g: string, v: string, r: string) => {
    const d = registry.lookup(g, v, r);
    if (!d) throw new Error(`no ${g}/${v} ${r}`);
    return d;
  };
  const create = (g: string, v: string, r: string, body: object) => {
    const d = def(g, v, r);
    const obj = body as KubeObject;
    return api.create(d, d.namespaced ? (obj.metadata.namespace ?? 'default') : undefined, obj).object;
  };
  for (const ns of ['default', 'kube-system']) {
    create('', 'v1', 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    create('', 'v1', 'serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
  }
  const fails = (write: () => unknown) => {
    try {
      write();
    } catch (e) {
      if (e instanceof ApiError) return e;
      throw e;
    }
    throw new Error('expected the write to fail');
  };
  return { api, store, registry, clock, def, create, fails };
}

/** A copy without the server-set identity fields, for golden comparisons. */
export function withoutIdentity(obj: StoredObject): Record<string, unknown> {
  const { uid: _u, resourceVersion: _r, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}
