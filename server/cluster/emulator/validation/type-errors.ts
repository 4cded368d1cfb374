import type { TypeSchema } from '../openapi/schema-provider.ts';
import { flattenSchema } from '../openapi/schema-nav.ts';
import { refName, SELF_DECODED, type OpenApiSchema } from '../openapi/types.ts';

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
  return struct(type, type.schema, obj, [], shortName(type.name), 0, jsonDecoder);
}

/**
 * The same check worded as apimachinery's unstructured converter, which decodes the result of a strategic
 * merge patch: `unrecognized type: int32`, `cannot convert int64 to string`, `cannot restore slice from map`.
 */
export function firstConversionError(type: TypeSchema, obj: unknown): string | undefined {
  if (type.custom) return undefined;
  return struct(type, type.schema, obj, [], shortName(type.name), 0, unstructuredConverter);
}

/** What a field expects, for the message about a value that does not fit it. */
interface Expected {
  kind: 'struct' | 'map' | 'list' | 'string' | 'boolean' | 'integer' | 'number';
  goType: string;
  /** The field's path from the root and the Go struct holding it. */
  path: string[];
  structName: string;
}

type Wording = (value: unknown, expected: Expected) => string;

const jsonDecoder: Wording = (value, { kind, goType, path, structName }) => {
  // A number that does not fit an integer is named with its text: `number 1.5`.
  const what = kind === 'integer' && typeof value === 'number' ? `number ${String(value)}` : jsonKind(value);
  return `json: cannot unmarshal ${what} into Go struct field ${structName}.${path.join('.')} of type ${goType}`;
};

const unstructuredConverter: Wording = (value, { kind, goType }) => {
  const source = goKind(value);
  switch (kind) {
    case 'struct':
      return `cannot restore struct from: ${source}`;
    case 'map':
      return `cannot restore map from ${source}`;
    case 'list':
      return `cannot restore slice from ${source}`;
    default:
      // Go converts between numeric kinds (a float only when whole) and, uselessly here, from an integer to a string.
      if (kind === 'integer' && typeof value === 'number') return `cannot convert ${source} to ${goType}`;
      if (kind === 'string' && source === 'int64') return `cannot convert int64 to string`;
      return `unrecognized type: ${goType}`;
  }
};

const MAX_DEPTH = 64;

type Found = string | undefined;

function struct(type: TypeSchema, raw: OpenApiSchema, value: unknown, path: string[], structName: string, depth: number, wording: Wording): Found {
  if (!isObject(value) || depth > MAX_DEPTH) return undefined;
  const properties = flattenSchema(type, raw).properties ?? {};
  for (const [key, child] of Object.entries(value)) {
    const declared = properties[key];
    if (!declared) continue;
    const found = field(type, declared, child, [...path, key], structName, depth + 1, wording);
    if (found) return found;
  }
  return undefined;
}

/** Checks a value against a field's schema; `structName` is the Go struct holding the field. */
function field(type: TypeSchema, raw: OpenApiSchema, value: unknown, path: string[], structName: string, depth: number, wording: Wording): Found {
  if (value === null || value === undefined || depth > MAX_DEPTH) return undefined;
  const ref = refName(raw.$ref ?? (raw.allOf?.length === 1 ? raw.allOf[0]!.$ref : undefined));
  if (ref && SELF_DECODED.has(ref)) return undefined;
  const schema = flattenSchema(type, raw);
  if (schema.oneOf || schema.anyOf || schema['x-kubernetes-int-or-string'] || schema['x-kubernetes-preserve-unknown-fields']) return undefined;
  const kind = kindOf(schema) as Expected['kind'] | undefined;
  const mismatch = () => wording(value, { kind: kind!, goType: goType(type, raw), path, structName });
  switch (kind) {
    case 'struct':
      return isObject(value) ? struct(type, raw, value, path, shortName(ref ?? structName), depth, wording) : mismatch();
    case 'map': {
      if (!isObject(value)) return mismatch();
      const values = schema.additionalProperties as OpenApiSchema;
      for (const v of Object.values(value)) {
        const found = field(type, values, v, path, structName, depth + 1, wording);
        if (found) return found;
      }
      return undefined;
    }
    case 'list': {
      if (!Array.isArray(value)) return mismatch();
      for (const item of value) {
        const found = field(type, schema.items!, item, path, structName, depth + 1, wording);
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
      return Number.isInteger(value) && (wording !== jsonDecoder || fitsInteger(value, schema.format)) ? undefined : mismatch();
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

/** How Go's reflection names the kind of a decoded JSON value (whole numbers decode as int64). */
function goKind(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'slice';
  if (isObject(value)) return 'map';
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
