/** Reading loosely typed object fields by path, with the zero values Go's typed structs would give. */

export type Json = Record<string, unknown>;

/** The value at a dotted path (`spec.template.spec.containers`), or undefined. */
export function get(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Json)[key];
  }
  return v;
}

export const rec = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const records = (v: unknown): Json[] => list(v).map(rec);
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);
/** A pointer field: undefined when absent (or null). */
export const optInt = (v: unknown): number | undefined => (typeof v === 'number' ? Math.trunc(v) : undefined);
export const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const optBool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
export const count = (v: unknown): number => (Array.isArray(v) ? v.length : v !== null && typeof v === 'object' ? Object.keys(v).length : 0);
