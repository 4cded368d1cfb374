/**
 * `resource.Quantity` with exact arithmetic: parsing as `ParseQuantity` does (rounding up past nano
 * precision), comparing, and printing the canonical form the API server serializes (`0.5` → `500m`,
 * `1024Mi` → `1Gi`, `2000m` → `2`). Values are `mantissa × 10^scale`.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  mant: bigint;
  scale: number;
  format: QuantityFormat;
}

export const QUANTITY_REGEX_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Parses a quantity from its JSON form (a string, or a bare number as YAML gives it); undefined if malformed. */
export function parseQuantity(value: unknown): Quantity | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = numberText(value);
  } else if (typeof value === 'string') text = value.trim();
  else return undefined;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(text);
  if (!m) return undefined;
  const [, sign, whole = '', frac = '', suffix = ''] = m;
  if (whole === '' && frac === '') return undefined;
  let mant = BigInt((whole || '0') + frac);
  let scale = -frac.length;
  let format: QuantityFormat;
  if (suffix in BINARY) {
    format = 'BinarySI';
    mant *= 1024n ** BigInt(BINARY[suffix]!);
  } else if (suffix in DECIMAL) {
    format = 'DecimalSI';
    scale += DECIMAL[suffix]!;
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    format = 'DecimalExponent';
    scale += Number(suffix.slice(1));
  } else return undefined;
  if (sign === '-') mant = -mant;
  return roundUp({ mant, scale, format }, -9);
}

function numberText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // 1e+21 → 1e21; keep the exponent form, which the parser understands.
  return s.replace('e+', 'e');
}

/** Rounds up (toward +∞) to a multiple of 10^scale, as `Quantity.RoundUp` does. */
export function roundUp(q: Quantity, scale: number): Quantity {
  if (q.scale >= scale) return q;
  const factor = pow10(scale - q.scale);
  let mant = q.mant / factor;
  if (mant * factor < q.mant) mant += 1n;
  return { mant, scale, format: q.format };
}

/** -1, 0 or 1, as `Quantity.Cmp`. */
export function compareQuantity(a: Quantity, b: Quantity): number {
  const s = Math.min(a.scale, b.scale);
  const x = a.mant * pow10(a.scale - s);
  const y = b.mant * pow10(b.scale - s);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const signOf = (q: Quantity): number => (q.mant > 0n ? 1 : q.mant < 0n ? -1 : 0);

/** The canonical text of a quantity (`Quantity.String()`). */
export function quantityString(q: Quantity): string {
  let format = q.format;
  if (format === 'BinarySI') {
    const small = compareQuantity(q, { mant: -1024n, scale: 0, format }) > 0 && compareQuantity(q, { mant: 1024n, scale: 0, format }) < 0;
    if (small || !isInteger(q)) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    // An integer value (checked above) with a negative scale divides exactly: 5368709120e-1 → 536870912.
    let mant = q.scale >= 0 ? q.mant * pow10(q.scale) : q.mant / pow10(-q.scale);
    let exp = 0;
    while (mant !== 0n && mant % 1024n === 0n && exp < 6) {
      mant /= 1024n;
      exp++;
    }
    return `${mant}${BINARY_SUFFIX[exp]}`;
  }
  // Strip trailing zeros, then bring the exponent to a multiple of three.
  let mant = q.mant;
  let exp = q.scale;
  if (mant === 0n) return '0';
  while (mant % 10n === 0n) {
    mant /= 10n;
    exp++;
  }
  const rem = ((exp % 3) + 3) % 3;
  if (rem !== 0) {
    mant *= pow10(rem);
    exp -= rem;
  }
  if (format === 'DecimalExponent') return exp === 0 ? `${mant}` : `${mant}e${exp}`;
  const suffix = DECIMAL_SUFFIX[exp];
  return suffix === undefined ? `${mant}e${exp}` : `${mant}${suffix}`;
}

function isInteger(q: Quantity): boolean {
  if (q.scale >= 0) return true;
  return q.mant % pow10(-q.scale) === 0n;
}

/** The canonical text of a JSON quantity, or undefined if it does not parse. `milli` rounds up to 1m first. */
export function canonicalQuantity(value: unknown, milli = false): string | undefined {
  const q = parseQuantity(value);
  if (!q) return undefined;
  return quantityString(milli ? roundUp(q, -3) : q);
}
