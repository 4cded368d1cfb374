import type { Registry } from '../registry/registry.ts';
import { gvString, type ResourceDef } from '../registry/types.ts';

/** Discovery documents of one cluster's API, aggregated (apidiscovery.k8s.io) and legacy, cached per API generation. */
export class Discovery {
  private cache = new Map<string, unknown>();
  private generation = -1;

  constructor(
    private readonly registry: Registry,
    private readonly serverAddress: string,
  ) {}

  /** `/api` or `/apis` in the aggregated format. */
  aggregated(root: 'api' | 'apis', version: 'v2' | 'v2beta1'): unknown {
    return this.memo(`agg:${root}:${version}`, () => ({
      kind: 'APIGroupDiscoveryList',
      apiVersion: `apidiscovery.k8s.io/${version}`,
      metadata: {},
      items: this.groupsFor(root).map(({ group, versions }) => ({
        metadata: group === '' ? { creationTimestamp: null } : { name: group, creationTimestamp: null },
        versions: versions.map((v) => ({
          version: v,
          resources: this.defs(group, v).map(aggregatedResource),
          freshness: 'Current',
        })),
      })),
    }));
  }

  /** Legacy `/api`: the core group's versions. */
  apiVersions(): unknown {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: this.serverAddress }],
    };
  }

  /** Legacy `/apis`. */
  apiGroupList(): unknown {
    return this.memo('groups', () => ({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: this.groupsFor('apis').map(({ group, versions }) => apiGroup(group, versions)),
    }));
  }

  /** Legacy `/apis/<group>`; undefined if the group is not served. */
  apiGroup(group: string): unknown {
    const found = this.groupsFor('apis').find((g) => g.group === group);
    return found && { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(found.group, found.versions) };
  }

  /** Legacy `/api/v1` or `/apis/<group>/<version>`; undefined if not served. */
  resourceList(group: string, version: string): unknown {
    const defs = this.defs(group, version);
    if (defs.length === 0) return undefined;
    return this.memo(`list:${group}/${version}`, () => ({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: gvString({ group, version }),
      resources: defs.flatMap(legacyResources),
    }));
  }

  private groupsFor(root: 'api' | 'apis') {
    return this.registry.groups().filter((g) => (root === 'api' ? g.group === '' : g.group !== ''));
  }

  private defs(group: string, version: string): ResourceDef[] {
    return this.registry.all().filter((d) => d.group === group && d.version === version);
  }

  private memo(key: string, build: () => unknown): unknown {
    if (this.generation !== this.registry.version) {
      this.cache.clear();
      this.generation = this.registry.version;
    }
    let value = this.cache.get(key);
    if (value === undefined) {
      value = build();
      this.cache.set(key, value);
    }
    return value;
  }
}

function apiGroup(group: string, versions: string[]) {
  const list = versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions: list, preferredVersion: list[0] };
}

function aggregatedResource(d: ResourceDef) {
  return {
    resource: d.resource,
    responseKind: { group: d.group, version: d.version, kind: d.kind },
    scope: d.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: d.singular,
    verbs: d.verbs,
    ...(d.shortNames?.length ? { shortNames: d.shortNames } : {}),
    ...(d.categories?.length ? { categories: d.categories } : {}),
    ...(d.subresources?.length
      ? {
          subresources: d.subresources.map((s) => ({
            subresource: s.name,
            responseKind: s.responseKind ?? { group: d.group, version: d.version, kind: d.kind },
            verbs: s.verbs,
          })),
        }
      : {}),
  };
}

function legacyResources(d: ResourceDef) {
  const main = {
    name: d.resource,
    singularName: d.singular,
    namespaced: d.namespaced,
    kind: d.kind,
    verbs: d.verbs,
    ...(d.shortNames?.length ? { shortNames: d.shortNames } : {}),
    ...(d.categories?.length ? { categories: d.categories } : {}),
  };
  const subs = (d.subresources ?? []).map((s) => ({
    name: `${d.resource}/${s.name}`,
    singularName: '',
    namespaced: d.namespaced,
    ...(s.responseKind && (s.responseKind.group !== d.group || s.responseKind.version !== d.version)
      ? { group: s.responseKind.group, version: s.responseKind.version }
      : {}),
    kind: s.responseKind?.kind ?? d.kind,
    verbs: s.verbs,
  }));
  return [main, ...subs];
}
