/**
 * Where a kind lives in a cluster's API: its URL path, its plural, whether it is namespaced. Built-in
 * kinds come from a table; others from the cluster's discovery, cached, and asked again (at most every
 * few seconds) when a kind is missing — a custom resource's definition may have just been applied.
 */
import { builtinKind } from '../../../src/lib/labs/kinds.ts';
import { UnknownKindError } from '../errors.ts';
import type { KubeTransport } from './kube-api.ts';

export interface Resource {
  /** `/apis/apps/v1` or `/api/v1`. */
  groupPath: string;
  plural: string;
  namespaced: boolean;
}

interface ApiResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

export function groupPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

export class Discovery {
  private cache = new Map<string, { at: number; list: ApiResourceList }>();

  constructor(
    private readonly transport: KubeTransport,
    private readonly now: () => number = Date.now,
    private readonly refreshMs = 3000,
  ) {}

  async resolve(kind: string, apiVersion: string): Promise<Resource> {
    const builtin = builtinKind(kind);
    if (builtin && builtin.apiVersion === apiVersion) {
      return { groupPath: groupPath(apiVersion), plural: builtin.plural, namespaced: builtin.namespaced };
    }
    let entry = this.cache.get(apiVersion);
    let found = entry?.list.resources?.find((r) => r.kind === kind && !r.name.includes('/'));
    if (!found && (!entry || this.now() - entry.at >= this.refreshMs)) {
      entry = { at: this.now(), list: await this.fetch(apiVersion) };
      this.cache.set(apiVersion, entry);
      found = entry.list.resources?.find((r) => r.kind === kind && !r.name.includes('/'));
    }
    if (!found) throw new UnknownKindError(kind, apiVersion);
    return { groupPath: groupPath(apiVersion), plural: found.name, namespaced: found.namespaced };
  }

  private async fetch(apiVersion: string): Promise<ApiResourceList> {
    const r = await this.transport.getJson(groupPath(apiVersion));
    if (r.status === 404) return {};
    if (r.status !== 200) throw new Error(`discovery of ${apiVersion} failed with status ${r.status}`);
    return r.body as ApiResourceList;
  }
}

/** `/apis/apps/v1/namespaces/shop/deployments[/web]`; all namespaces when `namespace` is undefined. */
export function resourcePath(res: Resource, namespace: string | undefined, name?: string): string {
  const ns = res.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${res.groupPath}${ns}/${res.plural}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}
