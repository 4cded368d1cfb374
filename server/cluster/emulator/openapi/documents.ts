import type { ResourceDef } from '../registry/types.ts';
import type { BuiltinSchemas } from './builtin-schemas.ts';
import { customSchemas } from './custom-schemas.ts';
import { resourcePaths, type Json, type ResourceRefs } from './paths.ts';
import { META, refName, type GroupVersionKind, type OpenApiSchema } from './types.ts';

/** What every group-version document carries besides its resources' own types. */
const COMMON = [`${META}.Status`, `${META}.DeleteOptions`, `${META}.Patch`];

export interface DocumentOptions {
  /** `info.version` of the documents, e.g. `v1.32.3`. */
  version: string;
}

/** A group-version document: paths for every resource of `defs` and the component schemas they reach. */
export function groupVersionDocument(defs: readonly ResourceDef[], builtins: BuiltinSchemas, opts: DocumentOptions): Json {
  const local: Record<string, OpenApiSchema> = {};
  let paths: Record<string, Json> = {};
  const typeMeta = typeMetaDescriptions(builtins);
  for (const def of defs) {
    const refs = def.custom ? customRefs(def, local, typeMeta) : builtinRefs(def, builtins);
    if (!refs) continue;
    paths = { ...paths, ...resourcePaths(def, refs, { strategicMerge: !def.custom }) };
  }
  const schemas = closure([...Object.keys(local), ...COMMON], paths, (name) => local[name] ?? builtins.get(name));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: opts.version },
    paths: sortKeys(paths),
    components: {
      schemas: sortKeys(schemas),
      securitySchemes: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
    },
  };
}

function builtinRefs(def: ResourceDef, builtins: BuiltinSchemas): ResourceRefs | undefined {
  const gvk = (kind: string, g: { group: string; version: string } = def): GroupVersionKind => ({ group: g.group, version: g.version, kind });
  const kind = builtins.kindSchemaName(gvk(def.kind));
  if (!kind) return undefined;
  const list = builtins.kindSchemaName(gvk(`${def.kind}List`));
  const subresources: ResourceRefs['subresources'] = {};
  for (const sub of def.subresources ?? []) {
    const responseKind = sub.responseKind ?? (sub.name === 'binding' ? { group: '', version: 'v1', kind: 'Binding' } : undefined);
    if (!responseKind) continue;
    const schema = builtins.kindSchemaName(responseKind);
    if (schema) subresources[sub.name] = { schema, gvk: responseKind };
  }
  return { kind, ...(list ? { list } : {}), subresources };
}

function customRefs(def: ResourceDef, local: Record<string, OpenApiSchema>, typeMeta: { apiVersion?: string; kind?: string }): ResourceRefs {
  const { kind, list, schemas } = customSchemas(def, typeMeta);
  Object.assign(local, schemas);
  const subresources: ResourceRefs['subresources'] = {};
  for (const sub of def.subresources ?? []) {
    if (sub.responseKind?.kind === 'Scale') subresources[sub.name] = { schema: 'io.k8s.api.autoscaling.v1.Scale', gvk: sub.responseKind };
  }
  return { kind, list, subresources };
}

function typeMetaDescriptions(builtins: BuiltinSchemas): { apiVersion?: string; kind?: string } {
  const props = builtins.get(builtins.kindSchemaName({ group: '', version: 'v1', kind: 'Pod' }) ?? '')?.properties;
  return {
    ...(props?.apiVersion?.description ? { apiVersion: props.apiVersion.description } : {}),
    ...(props?.kind?.description ? { kind: props.kind.description } : {}),
  };
}

/** Every schema reachable through `$ref` from the roots and the paths. */
function closure(roots: string[], paths: Json, lookup: (name: string) => OpenApiSchema | undefined): Record<string, OpenApiSchema> {
  const out: Record<string, OpenApiSchema> = {};
  const queue = [...roots];
  collectRefs(paths, queue);
  while (queue.length) {
    const name = queue.pop()!;
    if (out[name]) continue;
    const schema = lookup(name);
    if (!schema) continue;
    out[name] = schema;
    collectRefs(schema, queue);
  }
  return out;
}

function collectRefs(node: unknown, into: string[]): void {
  if (Array.isArray(node)) {
    for (const v of node) collectRefs(v, into);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        const name = refName(v);
        if (name) into.push(name);
      } else {
        collectRefs(v, into);
      }
    }
  }
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
