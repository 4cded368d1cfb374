/**
 * Structural-schema handling of custom resources, as apiextensions-apiserver does: pruning of fields the
 * schema does not declare (unless `x-kubernetes-preserve-unknown-fields`), `default` values applied where
 * fields are missing, and OpenAPI validation with kube-openapi's messages.
 */
import { fe, type FieldError } from '../shared/errors.ts';
import { clone, isNil, isObj, list, rec, str, type Json } from '../shared/json.ts';

type Schema = Json;

const props = (s: Schema): Json | undefined => (isObj(s.properties) ? s.properties : undefined);
const preserves = (s: Schema) => s['x-kubernetes-preserve-unknown-fields'] === true;
const intOrString = (s: Schema) => s['x-kubernetes-int-or-string'] === true;

function additional(s: Schema): Schema | boolean | undefined {
  const a = s.additionalProperties;
  if (a === true || a === false) return a;
  return isObj(a) ? a : undefined;
}

/** Removes what the schema does not declare. `root` keeps apiVersion, kind and metadata. */
export function prune(value: unknown, schema: Schema, root = false): void {
  if (Array.isArray(value)) {
    const items = rec(schema.items);
    for (const v of value) prune(v, items);
    return;
  }
  if (!isObj(value)) return;
  const p = props(schema);
  const a = additional(schema);
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  for (const key of Object.keys(value)) {
    if ((root || embedded) && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
    if (p && key in p) prune(value[key], rec(p[key]));
    else if (isObj(a)) prune(value[key], a);
    else if (a === true || preserves(schema) || intOrString(schema)) continue;
    else if (!p && !a && preserves(schema)) continue;
    else delete value[key];
  }
}

/** Applies `default` values of missing properties, recursively (structural defaulting). */
export function applyDefaults(value: unknown, schema: Schema): void {
  if (Array.isArray(value)) {
    const items = rec(schema.items);
    for (const v of value) applyDefaults(v, items);
    return;
  }
  if (!isObj(value)) return;
  const p = props(schema);
  if (p) {
    for (const [key, sub] of Object.entries(p)) {
      const s = rec(sub);
      if (value[key] === undefined && s.default !== undefined) value[key] = clone(s.default);
      if (value[key] !== undefined) applyDefaults(value[key], s);
    }
  }
  const a = additional(schema);
  if (isObj(a)) for (const v of Object.values(value)) applyDefaults(v, a);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: unknown, type: string): boolean {
  const t = typeOf(v);
  if (type === 'number') return t === 'number' || t === 'integer';
  return t === type;
}

/** Validates a value against an OpenAPI v3 schema; `path` is the dotted field path. */
export function validateSchema(value: unknown, schema: Schema, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (value === null && schema.nullable === true) return errs;
  const type = str(schema.type);
  if (intOrString(schema)) {
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) {
      errs.push(fe.invalid(path, typeOf(value), `${path} in body must be of type integer-or-string: "${typeOf(value)}"`));
    }
  } else if (type && !typeMatches(value, type)) {
    return [fe.invalid(path, typeOf(value), `${path} in body must be of type ${type}: "${typeOf(value)}"`)];
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errs.push(fe.notSupported(path, value, schema.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))));
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && (schema.exclusiveMinimum === true ? value <= schema.minimum : value < schema.minimum)) {
      errs.push(fe.invalid(path, value, `${path} in body should be greater than ${schema.exclusiveMinimum === true ? '' : 'or equal to '}${schema.minimum}`));
    }
    if (typeof schema.maximum === 'number' && (schema.exclusiveMaximum === true ? value >= schema.maximum : value > schema.maximum)) {
      errs.push(fe.invalid(path, value, `${path} in body should be less than ${schema.exclusiveMaximum === true ? '' : 'or equal to '}${schema.maximum}`));
    }
  }
  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength) errs.push(fe.tooLong(path, schema.maxLength));
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) {
      errs.push(fe.invalid(path, value, `${path} in body should be at least ${schema.minLength} chars long`));
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      errs.push(fe.invalid(path, value, `${path} in body should match '${schema.pattern}'`));
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errs.push(fe.tooMany(path, value.length, schema.maxItems));
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      errs.push(fe.invalid(path, value.length, `${path} in body should have at least ${schema.minItems} items`));
    }
    const items = rec(schema.items);
    value.forEach((v, i) => errs.push(...validateSchema(v, items, `${path}[${i}]`)));
  }
  if (isObj(value)) {
    for (const key of list(schema.required).map(str)) {
      if (isNil(value[key])) errs.push(fe.required(path ? `${path}.${key}` : key));
    }
    const p = props(schema);
    const a = additional(schema);
    for (const [key, v] of Object.entries(value)) {
      const child = path ? `${path}.${key}` : key;
      if (p && key in p) errs.push(...validateSchema(v, rec(p[key]), child));
      else if (isObj(a)) errs.push(...validateSchema(v, a, child));
    }
  }
  return errs;
}
