/**
 * `resource.Quantity.String()`: the canonical form the API server prints (`0.5` → `500m`, `2048Mi` → `2Gi`, `1500` → `1500`).
 * Binary-suffixed amounts stay binary when they are whole and at least 1024 in magnitude; everything else is decimal,
 * with the largest SI suffix that keeps the mantissa whole. Precision finer than nano rounds up.
 */

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_SUFFIX = new Map(Object.entries(DECIMAL).map(([s, e]) => [e, s]));
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

interface Parsed {
  /** value = mantissa × 10^scale */
  mantissa: bigint;
  scale: number;
  format: Format;
}

function parse(text: string): Parsed | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(text);
  if (!m || (m[2] === '' && !m[3])) return undefined;
  const [, sign, whole, frac = '', suffix = ''] = m;
  let mantissa = BigInt(`${whole}${frac}` || '0');
  let scale = -frac.length;
  let format: Format = 'DecimalSI';
  if (suffix in BINARY) {
    mantissa *= 1024n ** BigInt(BINARY[suffix]!);
    format = 'BinarySI';
  } else if (suffix in DECIMAL) {
    scale += DECIMAL[suffix]!;
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    scale += Number(suffix.slice(1));
    format = 'DecimalExponent';
  } else return undefined;
  if (sign === '-') mantissa = -mantissa;
  if (scale < -9) {
    const div = 10n ** BigInt(-9 - scale);
    const q = mantissa / div;
    mantissa = q * div === mantissa || mantissa < 0n ? q : q + 1n;
    scale = -9;
  }
  return { mantissa, scale, format };
}

function stripTens(mantissa: bigint, scale: number): [bigint, number] {
  while (mantissa !== 0n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    scale++;
  }
  return [mantissa, scale];
}

function decimal(mantissa: bigint, scale: number, format: Format): string {
  let [m, e] = stripTens(mantissa, scale);
  const r = ((e % 3) + 3) % 3;
  m *= 10n ** BigInt(r);
  e -= r;
  const si = format === 'DecimalSI' ? DECIMAL_SUFFIX.get(e) : e === 0 ? '' : undefined;
  return `${m}${si ?? `e${e}`}`;
}

/** The canonical string of a quantity; the input unchanged when it does not parse. */
export function canonicalQuantity(text: unknown): string {
  if (typeof text === 'number') text = String(text);
  if (typeof text !== 'string') return '0';
  const q = parse(text.trim());
  if (!q) return text;
  if (q.mantissa === 0n) return '0';
  if (q.format === 'BinarySI') {
    const [m, e] = stripTens(q.mantissa, q.scale);
    const whole = e >= 0 ? m * 10n ** BigInt(e) : undefined;
    if (whole !== undefined && (whole >= 1024n || whole <= -1024n)) {
      let v = whole;
      let i = 0;
      while (i < 6 && v % 1024n === 0n) {
        v /= 1024n;
        i++;
      }
      return `${v}${BINARY_SUFFIX[i]}`;
    }
    return decimal(q.mantissa, q.scale, 'DecimalSI');
  }
  return decimal(q.mantissa, q.scale, q.format);
}
