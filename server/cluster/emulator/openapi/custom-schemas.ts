import type { ResourceDef } from '../registry/types.ts';
import { LIST_META, OBJECT_META, refTo, type OpenApiSchema } from './types.ts';

/** `stable.example.com` → `com.example.stable`: how upstream names custom resource schemas. */
export function customSchemaName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

export interface CustomSchemas {
  kind: string;
  list: string;
  schemas: Record<string, OpenApiSchema>;
}

/** Descriptions of apiVersion and kind, taken from a built-in type so they read as upstream's. */
export interface TypeMetaDescriptions {
  apiVersion?: string;
  kind?: string;
}

/**
 * The component schemas of one custom resource version: the CRD's `openAPIV3Schema` with apiVersion, kind
 * and a reference to ObjectMeta added, and the matching List type. A version without a schema accepts anything.
 */
export function customSchemas(def: ResourceDef, typeMeta: TypeMetaDescriptions): CustomSchemas {
  const kind = customSchemaName(def.group, def.version, def.kind);
  const list = `${kind}List`;
  const given = def.custom?.schema && typeof def.custom.schema === 'object' ? (structuredClone(def.custom.schema) as OpenApiSchema) : undefined;
  const base: OpenApiSchema = given ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const str = (description?: string): OpenApiSchema => ({ type: 'string', ...(description ? { description } : {}) });
  const objectSchema: OpenApiSchema = {
    ...base,
    type: 'object',
    properties: {
      ...base.properties,
      apiVersion: str(typeMeta.apiVersion),
      kind: str(typeMeta.kind),
      metadata: { allOf: [{ $ref: refTo(OBJECT_META) }], description: "Standard object's metadata." },
    },
    'x-kubernetes-group-version-kind': [{ group: def.group, kind: def.kind, version: def.version }],
  };
  const listSchema: OpenApiSchema = {
    description: `${def.kind}List is a list of ${def.kind}`,
    type: 'object',
    properties: {
      apiVersion: str(typeMeta.apiVersion),
      items: { description: `List of ${def.resource}.`, type: 'array', items: { $ref: refTo(kind) } },
      kind: str(typeMeta.kind),
      metadata: { allOf: [{ $ref: refTo(LIST_META) }], description: 'Standard list metadata.' },
    },
    required: ['items'],
    'x-kubernetes-group-version-kind': [{ group: def.group, kind: `${def.kind}List`, version: def.version }],
  };
  return { kind, list, schemas: { [kind]: objectSchema, [list]: listSchema } };
}
