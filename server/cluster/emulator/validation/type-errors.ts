import type { TypeSchema } from '../openapi/schema-provider.ts';
import { flattenSchema } from '../openapi/schema-nav.ts';
import { INT_OR_STRING, MICRO_TIME, QUANTITY, refName, TIME, type OpenApiSchema } from '../openapi/types.ts';

/**
 * The first value of a body that does not fit the Go type its field has, worded as Go's JSON decoder
 * (the one kube-apiserver decodes built-in kinds with) reports it:
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
 * The path runs from the object's root without list indexes; a map value is reported at its map field.
 * Types with their own decoding (Quantity, IntOrString, times, free-form objects) are left to it.
 * Undefined when every value fits. Custom resources are decoded without Go types: not checked here.
 */
export function firstTypeError(type: TypeSchema, obj: unknown): string | undefined {
  if (type.custom) return undefined;
  return struct(type, type.schema, obj, [], shortName(type.name), 0);
}

const MAX_DEPTH = 64;
const SELF_DECODED = new Set([QUANTITY, INT_OR_STRING, TIME, MICRO_TIME]);

type Found = string | undefined;

function struct(type: TypeSchema, raw: OpenApiSchema, value: unknown, path: string[], structName: string, depth: number): Found {
  if (!isObject(value) || depth > MAX_DEPTH) return undefined;
  const properties = flattenSchema(type, raw).properties ?? {};
  for (const [key, child] of Object.entries(value)) {
    const declared = properties[key];
    if (!declared) continue;
    const found = field(type, declared, child, [...path, key], structName, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Checks a value against a field's schema; `structName` is the Go struct holding the field. */
function field(type: TypeSchema, raw: OpenApiSchema, value: unknown, path: string[], structName: string, depth: number): Found {
  if (value === null || value === undefined || depth > MAX_DEPTH) return undefined;
  const ref = refName(raw.$ref ?? (raw.allOf?.length === 1 ? raw.allOf[0]!.$ref : undefined));
  if (ref && SELF_DECODED.has(ref)) return undefined;
  const schema = flattenSchema(type, raw);
  if (schema.oneOf || schema.anyOf || schema['x-kubernetes-int-or-string'] || schema['x-kubernetes-preserve-unknown-fields']) return undefined;
  const mismatch = (what = jsonKind(value)) => `json: cannot unmarshal ${what} into Go struct field ${structName}.${path.join('.')} of type ${goType(type, raw)}`;
  switch (kindOf(schema)) {
    case 'struct':
      return isObject(value) ? struct(type, raw, value, path, shortName(ref ?? structName), depth) : mismatch();
    case 'map': {
      if (!isObject(value)) return mismatch();
      const values = schema.additionalProperties as OpenApiSchema;
      for (const v of Object.values(value)) {
        const found = field(type, values, v, path, structName, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    case 'list': {
      if (!Array.isArray(value)) return mismatch();
      for (const item of value) {
        const found = field(type, schema.items!, item, path, structName, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    case 'string':
      return typeof value === 'string' ? undefined : mismatch();
    case 'boolean':
      return typeof value === 'boolean' ? undefined : mismatch();
    case 'integer':
      if (typeof value !== 'number') return mismatch();
      // A number that does not fit is named with its text: `number 1.5`.
      return Number.isInteger(value) && fitsInteger(value, schema.format) ? undefined : mismatch(`number ${String(value)}`);
    case 'number':
      return typeof value === 'number' ? undefined : mismatch();
    default:
      return undefined;
  }
}

function kindOf(schema: OpenApiSchema): string | undefined {
  if (schema.properties) return 'struct';
  if (schema.type === 'object') return schema.additionalProperties && typeof schema.additionalProperties === 'object' ? 'map' : undefined;
  if (schema.type === 'array') return schema.items ? 'list' : undefined;
  return schema.type;
}

function fitsInteger(n: number, format: string | undefined): boolean {
  return format !== 'int32' || (n >= -(2 ** 31) && n < 2 ** 31);
}

/** How Go's decoder names the kind of a JSON value. */
function jsonKind(value: unknown): string {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  if (isObject(value)) return 'object';
  return 'string';
}

/** The Go type of a field: `int32`, `[]v1.Container`, `map[string]string`, `v1.PodSpec`. */
function goType(type: TypeSchema, raw: OpenApiSchema): string {
  const ref = refName(raw.$ref ?? (raw.allOf?.length === 1 ? raw.allOf[0]!.$ref : undefined));
  if (ref) return qualifiedName(ref);
  const schema = flattenSchema(type, raw);
  switch (schema.type) {
    case 'integer':
      return schema.format === 'int64' ? 'int64' : schema.format === 'int32' ? 'int32' : 'int';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'array':
      return `[]${schema.items ? goType(type, schema.items) : 'interface {}'}`;
    case 'object':
      return schema.additionalProperties && typeof schema.additionalProperties === 'object' ? `map[string]${goType(type, schema.additionalProperties)}` : 'map[string]interface {}';
    default:
      return 'string';
  }
}

/** `io.k8s.api.core.v1.PodSpec` → `v1.PodSpec` (package name and type). */
function qualifiedName(schemaName: string): string {
  return schemaName.split('.').slice(-2).join('.');
}

function shortName(schemaName: string): string {
  return schemaName.split('.').pop()!;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
