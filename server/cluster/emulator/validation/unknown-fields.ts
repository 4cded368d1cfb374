import type { TypeSchema } from '../openapi/schema-provider.ts';
import { flattenSchema } from '../openapi/schema-nav.ts';
import { refName, type OpenApiSchema } from '../openapi/types.ts';

/**
 * Paths of the fields of `obj` that its type's schema does not declare, written as upstream's strict
 * decoding writes them: `spec.replicaz`, `spec.template.spec.containers[0].imagePullPolice`.
 * In built-in types, objects without declared properties (RawExtension, FieldsV1, JSON) accept anything.
 * In custom resources, as in upstream's structural pruning, such objects accept nothing unless they carry
 * `x-kubernetes-preserve-unknown-fields`; embedded resources always accept apiVersion, kind and metadata.
 */
export function unknownFieldPaths(type: TypeSchema, obj: unknown): string[] {
  const found: string[] = [];
  walk(type, type.schema, obj, '', (path) => found.push(path), 0, type.custom);
  return found;
}

/**
 * Removes the fields `unknownFieldPaths` names, in place, as decoding into Go types (built-in kinds) and
 * structural pruning (custom resources) drop them when validation is `Warn` or `Ignore`. Returns their paths.
 */
export function pruneUnknownFields(type: TypeSchema, obj: unknown): string[] {
  const found: string[] = [];
  walk(type, type.schema, obj, '', (path, container, key) => {
    found.push(path);
    delete container[key];
  }, 0, type.custom);
  return found;
}

type OnUnknown = (path: string, container: Record<string, unknown>, key: string) => void;

const MAX_DEPTH = 64;

/** `structural`: the place is described by a CRD schema, not by a built-in type (ObjectMeta inside a CR). */
function walk(type: TypeSchema, raw: OpenApiSchema, value: unknown, path: string, found: OnUnknown, depth: number, structural: boolean): void {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return;
  const ref = refName(raw.$ref ?? raw.allOf?.[0]?.$ref);
  if (ref?.startsWith('io.k8s.')) structural = false;
  const schema = flattenSchema(type, raw);
  if (schema.oneOf || schema.anyOf || schema['x-kubernetes-int-or-string']) return;
  if (Array.isArray(value)) {
    if (!schema.items) return;
    value.forEach((item, i) => walk(type, schema.items!, item, `${path}[${i}]`, found, depth + 1, structural));
    return;
  }
  const properties = schema.properties;
  const additional = schema.additionalProperties;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  if (!properties && additional === undefined && (!structural || preserve)) return;
  const record = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    const childPath = path ? `${path}.${key}` : key;
    const declared = properties?.[key];
    if (declared) {
      walk(type, declared, child, childPath, found, depth + 1, structural);
    } else if (additional && typeof additional === 'object') {
      walk(type, additional, child, childPath, found, depth + 1, structural);
    } else if (additional === true || preserve || (embedded && (key === 'apiVersion' || key === 'kind' || key === 'metadata'))) {
      continue;
    } else {
      found(childPath, record, key);
    }
  }
}
