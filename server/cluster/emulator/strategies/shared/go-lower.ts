/**
 * `resource.Quantity` and `intstr.IntOrString` as the Go structs reflection sees: a quantity's
 * unexported `i` (value and scale), its cached string `s` (kept by `ParseQuantity` only for canonical
 * input) and `Format`; an IntOrString's `Type`, `IntVal`, `StrVal`.
 */
import { INT, STRING, named, type GoType } from './go-model.ts';

export const INTSTR_STRUCT: GoType = {
  kind: 'struct',
  name: 'intstr.IntOrString',
  fields: [
    { go: 'Type', json: 'type', type: { kind: 'int', name: 'intstr.Type' } },
    { go: 'IntVal', json: 'intVal', type: INT },
    { go: 'StrVal', json: 'strVal', type: STRING },
  ],
};

const INT64_AMOUNT: GoType = {
  kind: 'struct',
  name: 'resource.int64Amount',
  fields: [
    { go: 'value', json: 'value', type: { kind: 'int', name: 'int64' } },
    { go: 'scale', json: 'scale', type: { kind: 'int', name: 'resource.Scale' } },
  ],
};

export const QUANTITY_STRUCT: GoType = {
  kind: 'struct',
  name: 'resource.Quantity',
  fields: [
    { go: 'i', json: 'i', type: INT64_AMOUNT },
    { go: 's', json: 's', type: STRING },
    { go: 'Format', json: 'format', type: named('resource.Format') },
  ],
};

export function intstrStruct(v: unknown): Record<string, unknown> {
  return typeof v === 'string' ? { type: 1, strVal: v } : { intVal: typeof v === 'number' ? v : 0 };
}

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const INT64_MAX = 2n ** 63n - 1n;

/** The fields `ParseQuantity` fills for a quantity's text (the fast path that covers practical values). */
export function quantityStruct(v: unknown): Record<string, unknown> {
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  const m = /^([+-]?)(\d*)(?:\.(\d*))?([a-zA-Z]*|[eE][+-]?\d+)$/.exec(text);
  if (!m) return {};
  const [, sign = '', whole = '', denom = '', suffix = ''] = m;
  const num = whole.replace(/^0+(?=\d)/, '') || '0';
  let format: string;
  let exponent: number;
  if (suffix in BINARY) {
    format = 'BinarySI';
    exponent = BINARY[suffix]!;
  } else if (suffix in DECIMAL) {
    format = 'DecimalSI';
    exponent = DECIMAL[suffix]!;
  } else {
    format = 'DecimalExponent';
    exponent = Number(suffix.slice(1));
  }
  let scale: number;
  let mantissa = 1n;
  let precision: number;
  if (format === 'BinarySI') {
    scale = 0;
    if (exponent >= 0 && denom === '') {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else precision = -1;
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const result = value * mantissa;
      if (result <= INT64_MAX) {
        const signed = sign === '-' ? -result : result;
        const cached = format === 'BinarySI' ? exponent % 10 === 0 && (value & 7n) !== 0n : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return { i: { value: Number(signed), scale }, ...(cached ? { s: text } : {}), format };
      }
    }
  }
  return { format };
}
