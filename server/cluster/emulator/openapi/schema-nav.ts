import type { TypeSchema } from './schema-provider.ts';
import { refName, type OpenApiSchema } from './types.ts';

/**
 * Walks a type's schema field by field, following `$ref` and `allOf`, and reports the patch and list
 * extensions strategic merge patch and server-side apply need. Unknown places give `undefined`.
 */
export class SchemaNode {
  readonly schema: OpenApiSchema;
  /** The component name this place refers to (`io.k8s.api.core.v1.PodSpec`), when it is a reference. */
  readonly name: string | undefined;

  constructor(
    readonly type: TypeSchema,
    schema: OpenApiSchema,
    name?: string,
  ) {
    this.schema = flattenSchema(type, schema);
    this.name = name ?? refName(schema.$ref ?? schema.allOf?.[0]?.$ref);
  }

  static root(type: TypeSchema): SchemaNode {
    return new SchemaNode(type, type.schema, type.name);
  }

  /** The declared field `key`, or the value type of a map. */
  field(key: string): FieldInfo | undefined {
    const declared = this.schema.properties?.[key];
    if (declared) return new FieldInfo(this.type, declared);
    const additional = this.schema.additionalProperties;
    if (additional && typeof additional === 'object') return new FieldInfo(this.type, additional);
    return undefined;
  }

  /** The element type of a list. */
  items(): SchemaNode | undefined {
    return this.schema.items ? new SchemaNode(this.type, this.schema.items) : undefined;
  }

  /** Replaced as a whole by server-side apply: `x-kubernetes-map-type: atomic`. */
  get atomic(): boolean {
    return this.schema['x-kubernetes-map-type'] === 'atomic';
  }

  /** Declares fields (a struct), as opposed to a map with arbitrary keys. */
  get isStruct(): boolean {
    return this.schema.properties !== undefined;
  }

  get preservesUnknownFields(): boolean {
    return this.schema['x-kubernetes-preserve-unknown-fields'] === true;
  }
}

/** One field as its parent declares it: the extensions sit beside the `$ref`, not on the target. */
export class FieldInfo {
  readonly node: SchemaNode;

  constructor(
    type: TypeSchema,
    readonly declared: OpenApiSchema,
  ) {
    this.node = new SchemaNode(type, declared);
  }

  /** `x-kubernetes-patch-strategy`, split on commas (`merge,retainKeys`). */
  get strategies(): string[] {
    const s = this.declared['x-kubernetes-patch-strategy'];
    return s ? s.split(',') : [];
  }

  get mergeKey(): string | undefined {
    return this.declared['x-kubernetes-patch-merge-key'];
  }

  get listType(): string | undefined {
    return this.declared['x-kubernetes-list-type'] ?? this.node.schema['x-kubernetes-list-type'];
  }

  get listMapKeys(): string[] | undefined {
    return this.declared['x-kubernetes-list-map-keys'] ?? this.node.schema['x-kubernetes-list-map-keys'];
  }

  get mapType(): string | undefined {
    return this.declared['x-kubernetes-map-type'] ?? this.node.schema['x-kubernetes-map-type'];
  }
}

const flattened = new WeakMap<TypeSchema, WeakMap<OpenApiSchema, OpenApiSchema>>();

/**
 * Follows `$ref` and merges `allOf` members into one schema; the outer schema's own keys win.
 * Computed once per type and schema: the result is shared and must not be changed.
 */
export function flattenSchema(type: TypeSchema, schema: OpenApiSchema): OpenApiSchema {
  let byType = flattened.get(type);
  if (!byType) flattened.set(type, (byType = new WeakMap()));
  let out = byType.get(schema);
  if (!out) byType.set(schema, (out = flatten(type, schema, 0)));
  return out;
}

function flatten(type: TypeSchema, schema: OpenApiSchema, depth: number): OpenApiSchema {
  if (depth > 16) return schema;
  let out = schema;
  if (schema.$ref) {
    const target = type.resolve(schema.$ref);
    const { $ref: _ref, ...rest } = schema;
    if (target) out = { ...flatten(type, target, depth + 1), ...rest };
  }
  if (out.allOf?.length) {
    const { allOf, ...rest } = out;
    let merged: OpenApiSchema = {};
    for (const part of allOf) {
      const p = flatten(type, part, depth + 1);
      const properties = { ...merged.properties, ...p.properties };
      merged = { ...merged, ...p, ...(Object.keys(properties).length ? { properties } : {}) };
    }
    const properties = { ...merged.properties, ...rest.properties };
    out = { ...merged, ...rest, ...(Object.keys(properties).length ? { properties } : {}) };
  }
  return out;
}
