/**
 * Reading and defaulting loosely typed API objects. Objects arrive as parsed JSON; these helpers read them
 * without trusting their shape and apply defaults the way Go's defaulters do (a field is "unset" when it is
 * absent, null, or the zero value of its Go type).
 */
export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value as an object, or a fresh empty one (for reading only). */
export const rec = (v: unknown): Json => (isObj(v) ? v : {});

export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The object elements of a list, skipping anything else. */
export const objects = (v: unknown): Json[] => list(v).filter(isObj);

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Absent or JSON null: what a nil pointer, slice or map decodes from. */
export const isNil = (v: unknown): v is null | undefined => v === undefined || v === null;

/** The child object at `key`, created when missing. */
export function child(parent: Json, key: string): Json {
  const v = parent[key];
  if (isObj(v)) return v;
  const made: Json = {};
  parent[key] = made;
  return made;
}

/** Sets a pointer-typed field (int, bool, struct pointer) that is nil. */
export function defaultPtr(o: Json, key: string, value: unknown): void {
  if (isNil(o[key])) o[key] = value;
}

/** Sets a string field that is empty. */
export function defaultStr(o: Json, key: string, value: string): void {
  if (isNil(o[key]) || o[key] === '') o[key] = value;
}

/** Sets a non-pointer number field that is zero. */
export function defaultNum(o: Json, key: string, value: number): void {
  if (isNil(o[key]) || o[key] === 0) o[key] = value;
}

/** Calls `fn` on every object element of the list at `o[key]`. */
export function eachObject(o: Json, key: string, fn: (item: Json, index: number) => void): void {
  const v = o[key];
  if (!Array.isArray(v)) return;
  v.forEach((item, i) => {
    if (isObj(item)) fn(item, i);
  });
}

export function clone<T>(v: T): T {
  return v === undefined ? v : structuredClone(v);
}

/** Deep equality of JSON values, with object key order ignored. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Deep equality as Go's `apiequality.Semantic.DeepEqual` sees decoded objects: null and absent are the same,
 * and so are empty and absent lists and maps.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => isNil(v) || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).every((k) => isNil(v[k])));
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}
