/** How Go prints decoded JSON values: `fmt.Print` (%v) for scalars and `encoding/json` for objects and arrays. */

/** `%v` of a float64 (strconv's shortest `g`): exponent form below 1e-4 or from 1e6 (`1e-05`, `1.2345675e+06`). */
function goFloat(f: number): string {
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : f < 0 ? '-Inf' : 'NaN';
  const [mantissa, exp] = f.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(f);
}

/** `json.Marshal` of decoded JSON: object keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped. */
export function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${goJson(k)}:${goJson(o[k])}`)
      .join(',')}}`;
  }
  const text = JSON.stringify(value ?? null);
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What client-go's JSONPath printer writes for one result: strings raw, numbers and booleans as Go prints them, the rest as JSON. */
export function goPrint(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFloat(value);
  return goJson(value);
}
