/** JSON forms of the apimachinery types whose protobuf and JSON encodings differ. Pure. */

/** metav1.Time: `{seconds, nanos}` → RFC 3339 in UTC with whole seconds; the zero time → null. */
export function timeJson(seconds: number, nanos: number): string | null {
  if (seconds === 0 && nanos === 0) return null;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** metav1.MicroTime: RFC 3339 with six fractional digits; the zero time → null. */
export function microTimeJson(seconds: number, nanos: number): string | null {
  if (seconds === 0 && nanos === 0) return null;
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  return `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

/** metav1.Duration: nanoseconds → Go's `time.Duration.String()` (`1h0m0s`, `1.5s`, `300ms`, `0s`). */
export function durationJson(nanos: number): string {
  if (nanos === 0) return '0s';
  const neg = nanos < 0;
  let n = Math.abs(nanos);
  const sign = neg ? '-' : '';
  if (n < 1e9) {
    const [unit, size] = n < 1e3 ? ['ns', 1] : n < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    return sign + trimFraction(n / size) + unit;
  }
  const hours = Math.floor(n / 3.6e12);
  n -= hours * 3.6e12;
  const minutes = Math.floor(n / 6e10);
  n -= minutes * 6e10;
  const seconds = trimFraction(n / 1e9);
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

function trimFraction(v: number): string {
  return v.toFixed(9).replace(/\.?0+$/, '');
}

/** intstr.IntOrString: `{type 0 → intVal, 1 → strVal}`. */
export function intOrStringJson(type: number, intVal: number, strVal: string): number | string {
  return type === 1 ? strVal : intVal;
}
