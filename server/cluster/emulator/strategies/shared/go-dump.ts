/**
 * Go's `%#v` of a value, which `field.Invalid` prints for structs (`spec.template: Invalid value:
 * core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{…}, Spec:core.PodSpec{…}}: field is immutable`): every
 * field in declaration order with its zero value, composite values with their type, and pointers below
 * the top level as `(*T)(0xc…)` addresses.
 */
import { randomInt } from 'node:crypto';
import './go-core-types.ts';
import { goQuote } from './go.ts';
import { INTSTR_STRUCT, QUANTITY_STRUCT, intstrStruct, quantityStruct } from './go-lower.ts';
import { fieldValue, resolve, structFields, typeString, type TypeRef } from './go-model.ts';
import { isObj } from './json.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `time.Time`'s GoString (metav1.Time promotes it). */
function timeGoString(v: unknown): string {
  const d = typeof v === 'string' ? new Date(v) : undefined;
  if (!d || Number.isNaN(d.getTime())) return 'time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)';
  return `time.Date(${d.getUTCFullYear()}, time.${MONTHS[d.getUTCMonth()]}, ${d.getUTCDate()}, ${d.getUTCHours()}, ${d.getUTCMinutes()}, ${d.getUTCSeconds()}, 0, time.Local)`;
}

/** A plausible Go heap address. */
const address = () => `0xc000${randomInt(0, 0xffffff).toString(16).padStart(6, '0')}`;

const nil = (v: unknown) => v === undefined || v === null;

function dump(ref: TypeRef, v: unknown, depth: number): string {
  const t = resolve(ref);
  switch (t.kind) {
    case 'string':
      return t.name === 'v1.Time' ? timeGoString(v) : goQuote(typeof v === 'string' ? v : '');
    case 'int':
    case 'float':
      return String(typeof v === 'number' ? v : 0);
    case 'bool':
      return String(v === true);
    case 'ptr':
      if (nil(v)) return `(${typeString(t)})(nil)`;
      return depth === 0 ? `&${dump(t.elem, v, depth + 1)}` : `(${typeString(t)})(${address()})`;
    case 'slice':
      if (!Array.isArray(v)) return `${typeString(t)}(nil)`;
      return `${typeString(t)}{${v.map((e) => dump(t.elem, e, depth + 1)).join(', ')}}`;
    case 'map': {
      if (!isObj(v)) return `${typeString(t)}(nil)`;
      const entries = Object.keys(v)
        .sort()
        .map((k) => `${goQuote(k)}:${dump(t.elem, v[k], depth + 1)}`);
      return `${typeString(t)}{${entries.join(', ')}}`;
    }
    case 'struct':
      return `${t.name}{${structFields(t, v)
        .map((f) => `${f.go}:${dump(f.type, fieldValue(f, v), depth + 1)}`)
        .join(', ')}}`;
    case 'intstr':
      return dump(INTSTR_STRUCT, nil(v) ? {} : intstrStruct(v), depth);
    case 'quantity': {
      const q = nil(v) ? {} : quantityStruct(v);
      const i = (q.i ?? {}) as { value?: number; scale?: number };
      return `${typeString(QUANTITY_STRUCT)}{i:resource.int64Amount{value:${i.value ?? 0}, scale:${i.scale ?? 0}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:${goQuote(typeof q.s === 'string' ? q.s : '')}, Format:${goQuote(typeof q.format === 'string' ? q.format : '')}}`;
    }
  }
}

/** `%#v` of a (dereferenced) value of the Go type `type`. */
export function goDump(type: TypeRef, v: unknown): string {
  return dump(type, v, 1);
}
