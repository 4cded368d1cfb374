import type { ResourceDef } from '../registry/types.ts';
import { readModels } from './catalog/model-files.ts';
import { createBuiltinSchemas, type BuiltinSchemas } from './builtin-schemas.ts';
import { customSchemas } from './custom-schemas.ts';
import { loadGoFacts } from './facts-file.ts';
import { refName, type GroupVersionKind, type OpenApiSchema } from './types.ts';

/** A type's schema with the means to follow its `$ref`s. */
export interface TypeSchema {
  /** Component name, e.g. `io.k8s.api.apps.v1.Deployment`. */
  name: string;
  schema: OpenApiSchema;
  /** The schema a `$ref` (`#/components/schemas/…`) points at. */
  resolve(ref: string): OpenApiSchema | undefined;
  /** True for custom resources (their schema comes from a CRD). */
  custom: boolean;
}

/** Schemas of served types, shared by unknown-field detection, strategic merge patch and server-side apply. */
export interface SchemaProvider {
  readonly builtins: BuiltinSchemas;
  forResource(def: ResourceDef): TypeSchema | undefined;
  forKind(gvk: GroupVersionKind): TypeSchema | undefined;
}

let shared: BuiltinSchemas | undefined;

/** The built-in schemas of this process, read from `@kubernetes/client-node` on first use (about 0.1 s). */
export function defaultBuiltinSchemas(): BuiltinSchemas {
  shared ??= createBuiltinSchemas(readModels(), loadGoFacts());
  return shared;
}

export function createSchemaProvider(builtins: BuiltinSchemas = defaultBuiltinSchemas()): SchemaProvider {
  const resolveBuiltin = (ref: string) => {
    const name = refName(ref);
    return name ? builtins.get(name) : undefined;
  };
  // One TypeSchema per kind, so that what is derived from it (flattened schemas) is derived once.
  const kindCache = new Map<string, TypeSchema>();
  const forKind = (gvk: GroupVersionKind): TypeSchema | undefined => {
    const name = builtins.kindSchemaName(gvk);
    const schema = name ? builtins.get(name) : undefined;
    if (!name || !schema) return undefined;
    let found = kindCache.get(name);
    if (!found || found.schema !== schema) kindCache.set(name, (found = { name, schema, resolve: resolveBuiltin, custom: false }));
    return found;
  };
  const customCache = new WeakMap<object, TypeSchema>();
  return {
    builtins,
    forKind,
    forResource(def) {
      if (!def.custom) return forKind(def);
      const key = def.custom;
      let found = customCache.get(key);
      if (!found) {
        const { kind, schemas } = customSchemas(def, {});
        const resolve = (ref: string) => {
          const name = refName(ref);
          return name ? (schemas[name] ?? builtins.get(name)) : undefined;
        };
        found = { name: kind, schema: schemas[kind]!, resolve, custom: true };
        customCache.set(key, found);
      }
      return found;
    },
  };
}

/**
 * The schema an object is checked and patched against: its resource's, unless the object is another
 * kind served through a subresource (an autoscaling/v1 Scale on `deployments/scale`).
 */
export function typeForObject(provider: SchemaProvider, def: ResourceDef, obj: unknown): TypeSchema | undefined {
  const o = obj as { apiVersion?: unknown; kind?: unknown } | null;
  if (o && typeof o.kind === 'string' && typeof o.apiVersion === 'string' && o.kind !== def.kind) {
    const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
    return provider.forKind({ group: group!, version: version!, kind: o.kind });
  }
  return provider.forResource(def);
}
