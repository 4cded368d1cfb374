/** Resource quantities as numbers: CPU in millicores, everything else in base units (bytes, counts). */

const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** The value of a quantity (`500m` → 0.5, `128Mi` → 134217728); undefined when it does not parse. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const m = /^([+-]?\d*\.?\d+)([a-zA-Z]*|[eE][+-]?\d+)$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return n * BINARY[suffix]!;
  if (suffix in DECIMAL) return n * DECIMAL[suffix]!;
  if (/^[eE]/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  return undefined;
}

/** Millicores of a CPU quantity, rounded up as the scheduler's MilliValue does. */
export function milliCpu(value: unknown): number {
  const v = parseQuantity(value);
  return v === undefined ? 0 : Math.ceil(Math.round(v * 1e6) / 1e3);
}

/** Bytes (or a plain count) of a quantity, rounded up. */
export function amount(value: unknown): number {
  const v = parseQuantity(value);
  return v === undefined ? 0 : Math.ceil(v);
}
