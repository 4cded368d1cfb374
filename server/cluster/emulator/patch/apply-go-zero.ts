import { jsonFields, type GoFacts, type GoField } from '../openapi/facts.ts';
import type { SchemaNode } from '../openapi/schema-nav.ts';
import { INT_OR_STRING, MICRO_TIME, QUANTITY, TIME } from '../openapi/types.ts';
import { isObject } from './merge-patch.ts';

/**
 * An object as the API server holds it after decoding into Go types: struct fields that are not
 * pointers exist even when the JSON left them out (`resources: {}`, `status: {}`), zero-valued when they
 * have no `omitempty`, and a zero Time is null. Ownership is computed on this form, so a create records
 * `f:resources` but never `f:spec` as added. Built-in types only; unknown places are left as they are.
 */
export function withGoZeros(value: unknown, node: SchemaNode | undefined, facts: GoFacts): unknown {
  if (Array.isArray(value)) {
    const items = node?.items();
    return items ? value.map((v) => withGoZeros(v, items, facts)) : value;
  }
  if (!isObject(value) || !node?.isStruct) return value;
  const out: Record<string, unknown> = { ...value };
  const byJson = fieldsByJson(node.name, facts);
  for (const [key, prop] of Object.entries(node.schema.properties ?? {})) {
    if (key in out) {
      out[key] = withGoZeros(out[key], node.field(key)?.node, facts);
      continue;
    }
    const fact = byJson.get(key);
    if (!fact || fact.pointer) continue;
    const child = node.field(key)?.node;
    const target = child?.name;
    if (target === TIME || target === MICRO_TIME) out[key] = null;
    else if (target === QUANTITY) {
      if (fact.always) out[key] = '0';
    } else if (target === INT_OR_STRING) {
      if (fact.always) out[key] = 0;
    } else if (child?.isStruct && target && facts.has(target)) out[key] = withGoZeros({}, child, facts);
    else if (fact.always) out[key] = zeroOf(prop.type ?? child?.schema.type);
  }
  return out;
}

/** The JSON-visible Go fields of each struct, by JSON name: built once per struct, not per object. */
const fieldIndex = new WeakMap<GoFacts, Map<string, ReadonlyMap<string, GoField>>>();
const NO_FIELDS: ReadonlyMap<string, GoField> = new Map();

function fieldsByJson(name: string | undefined, facts: GoFacts): ReadonlyMap<string, GoField> {
  if (!name) return NO_FIELDS;
  let index = fieldIndex.get(facts);
  if (!index) fieldIndex.set(facts, (index = new Map()));
  let fields = index.get(name);
  if (!fields) index.set(name, (fields = new Map((jsonFields(facts, name) ?? []).map((f) => [f.json, f]))));
  return fields;
}

function zeroOf(type: string | undefined): unknown {
  switch (type) {
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    default:
      // slices and maps without omitempty: nil, which JSON writes as null
      return null;
  }
}
