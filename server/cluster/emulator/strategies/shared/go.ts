/**
 * Values printed as Go prints them in validation messages: `%q` for strings, `%v` for numbers, `%#v` for
 * maps, slices and structs (`map[string]string{"app":"web"}`, `[]string{"a"}`,
 * `intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}`). Upstream renders typed Go values; here the type
 * names come from the caller, who knows which Go type the field has.
 */
import { isObj, list, str, type Json } from './json.ts';

/** Go's `%q`: a double-quoted string with Go escapes. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1').replace(/\u007f/g, '\\x7f');
}

/** Scalars as `field.Error` prints them; string lists as `[]string{…}`; anything else as JSON. */
export function goValue(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // A nil value is replaced by the string "null", which is then quoted.
  if (v === null || v === undefined) return '"null"';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return goStrSlice(v as string[]);
  return JSON.stringify(v);
}

/** `map[string]string{"a":"b", "c":"d"}` with keys sorted, or `map[string]string(nil)`. */
export function goStrMap(m: unknown, type = 'map[string]string'): string {
  if (!isObj(m)) return `${type}(nil)`;
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(str(m[k]))}`);
  return `${type}{${entries.join(', ')}}`;
}

/** `[]string{"a", "b"}`, or `[]string(nil)`. */
export function goStrSlice(v: unknown, type = '[]string'): string {
  if (!Array.isArray(v)) return `${type}(nil)`;
  return `${type}{${v.map((x) => goQuote(str(x))).join(', ')}}`;
}

/** A struct literal: `T{A:1, B:"x"}` from already printed fields. */
export function goStruct(type: string, fields: [string, string][]): string {
  return `${type}{${fields.map(([k, v]) => `${k}:${v}`).join(', ')}}`;
}

/** `intstr.IntOrString` as `%#v` prints it (the value type has no String method on its value receiver). */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return goStruct('intstr.IntOrString', [['Type', '1'], ['IntVal', '0'], ['StrVal', goQuote(v)]]);
  const n = typeof v === 'number' ? v : 0;
  return goStruct('intstr.IntOrString', [['Type', '0'], ['IntVal', String(n)], ['StrVal', '""']]);
}

/** `metav1.LabelSelector` as `%#v` prints a dereferenced selector. */
export function goLabelSelector(sel: unknown): string {
  const s = isObj(sel) ? sel : {};
  const exprs = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${list(s.matchExpressions)
        .map((e) => {
          const r: Json = isObj(e) ? e : {};
          return goStruct('v1.LabelSelectorRequirement', [
            ['Key', goQuote(str(r.key))],
            ['Operator', goQuote(str(r.operator))],
            ['Values', goStrSlice(r.values)],
          ]);
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return goStruct('v1.LabelSelector', [
    ['MatchLabels', goStrMap(s.matchLabels)],
    ['MatchExpressions', exprs],
  ]);
}
