import type { GoFacts } from '../openapi/facts.ts';
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
  const goFields = node.name ? facts.get(node.name) : undefined;
  const byJson = new Map(flatten(goFields ?? [], facts).map((f) => [f.json, f]));
  for (const [key, prop] of Object.entries(node.schema.properties ?? {})) {
    const child = node.field(key)?.node;
    if (key in out) {
      out[key] = withGoZeros(out[key], child, facts);
      continue;
    }
    const fact = byJson.get(key);
    if (!fact || fact.pointer) continue;
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

function flatten(fields: readonly { json: string; inline?: string }[], facts: GoFacts): { json: string; pointer: boolean; always: boolean }[] {
  return fields.flatMap((f) => (f.inline ? flatten(facts.get(f.inline) ?? [], facts) : [f as { json: string; pointer: boolean; always: boolean }]));
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
