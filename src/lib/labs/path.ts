/**
 * Paths into objects, as checks write them: `spec.replicas`, `status.conditions[type=Ready].status`,
 * `spec.template.spec.containers[*].image`, `metadata.labels["app.kubernetes.io/name"]`.
 * `[n]` picks a list item (`[-1]` the last), `[key=value]` the first item whose field equals the
 * value, `[*]` every item (or every value of a mapping).
 */

export type PathSegment =
  | { type: 'key'; key: string }
  | { type: 'index'; index: number }
  | { type: 'filter'; key: string; value: string }
  | { type: 'any' };

export type ParsedPath = { ok: true; segments: PathSegment[] } | { ok: false; error: string };

export function parsePath(text: string): ParsedPath {
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (error: string): ParsedPath => ({ ok: false, error: `${error} in path "${text}"` });
  if (text.trim() === '') return fail('empty path');
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '[') {
      const close = closingBracket(text, i);
      if (close < 0) return fail(`"[" at position ${i + 1} is never closed`);
      const segment = bracket(text.slice(i + 1, close).trim());
      if (typeof segment === 'string') return fail(segment);
      segments.push(segment);
      i = close + 1;
      if (i < text.length && text[i] !== '.' && text[i] !== '[') return fail(`expected "." or "[" after "]" at position ${i + 1}`);
      if (text[i] === '.') i++;
      if (text[i - 1] === '.' && i === text.length) return fail('the path ends with "."');
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
    const key = text.slice(i, end);
    if (key === '') return fail(`empty field name at position ${i + 1}`);
    if (key.includes(']')) return fail(`unexpected "]" at position ${i + key.indexOf(']') + 1}`);
    segments.push({ type: 'key', key });
    i = end;
    if (text[i] === '.') {
      i++;
      if (i === text.length) return fail('the path ends with "."');
    }
  }
  return { ok: true, segments };
}

function closingBracket(text: string, open: number): number {
  let quote: string | undefined;
  for (let j = open + 1; j < text.length; j++) {
    const c = text[j]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return j;
  }
  return -1;
}

function unquote(s: string): string | undefined {
  const m = /^(["'])(.*)\1$/.exec(s);
  return m ? m[2] : undefined;
}

function bracket(inner: string): PathSegment | string {
  if (inner === '*') return { type: 'any' };
  if (/^-?\d+$/.test(inner)) return { type: 'index', index: Number(inner) };
  const quoted = unquote(inner);
  if (quoted !== undefined) return { type: 'key', key: quoted };
  const eq = inner.indexOf('=');
  if (eq > 0) {
    const key = inner.slice(0, eq).trim();
    const raw = inner.slice(eq + 1).trim();
    if (!/^[A-Za-z0-9_.\-/]+$/.test(key)) return `"${key}" is not a field name`;
    return { type: 'filter', key, value: unquote(raw) ?? raw };
  }
  if (inner === '') return 'empty "[]"';
  return `"[${inner}]" is not an index ([0]), a match ([type=Ready]), [*] or a quoted key (["a.b"])`;
}

/** A value found by a path, with the concrete path that led to it (`containers[1].image`). */
export interface PathHit {
  value: unknown;
  at: string;
}

export interface PathLookup {
  /** Values found: at most one unless the path has `[*]`. */
  hits: PathHit[];
  /** Whether the path has `[*]`. */
  wildcard: boolean;
  /** Why nothing was found where the walk stopped (for a path without `[*]`). */
  missing?: string;
}

/** Follows a parsed path through plain JSON data. */
export function lookup(root: unknown, segments: PathSegment[]): PathLookup {
  let hits: PathHit[] = [{ value: root, at: '' }];
  let missing: string | undefined;
  const wildcard = segments.some((s) => s.type === 'any');
  for (const segment of segments) {
    const next: PathHit[] = [];
    for (const hit of hits) {
      const step = follow(hit, segment);
      if (typeof step === 'string') missing ??= step;
      else next.push(...step);
    }
    hits = next;
    if (hits.length === 0) break;
  }
  return { hits, wildcard, ...(hits.length === 0 && missing ? { missing } : {}) };
}

function join(at: string, segment: PathSegment): string {
  switch (segment.type) {
    case 'key':
      return /^[^.[\]]+$/.test(segment.key) ? (at ? `${at}.${segment.key}` : segment.key) : `${at}["${segment.key}"]`;
    case 'index':
      return `${at}[${segment.index}]`;
    case 'filter':
      return `${at}[${segment.key}=${segment.value}]`;
    case 'any':
      return `${at}[*]`;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** The hits one segment leads to from one value, or why it leads nowhere. */
function follow(hit: PathHit, segment: PathSegment): PathHit[] | string {
  const { value, at } = hit;
  const where = at || 'the object';
  switch (segment.type) {
    case 'key': {
      if (!isRecord(value)) return value === undefined || value === null ? `${where} is not set` : `${where} has no fields`;
      if (!(segment.key in value) || value[segment.key] === undefined) return `${join(at, segment)} is not set`;
      return [{ value: value[segment.key], at: join(at, segment) }];
    }
    case 'index': {
      if (!Array.isArray(value)) return `${where} is not a list`;
      const index = segment.index < 0 ? value.length + segment.index : segment.index;
      if (index < 0 || index >= value.length) {
        return value.length === 0 ? `${where} is empty` : `${where} has ${value.length} item${value.length === 1 ? '' : 's'}, no [${segment.index}]`;
      }
      return [{ value: value[index], at: `${at}[${index}]` }];
    }
    case 'filter': {
      if (!Array.isArray(value)) return value === undefined || value === null ? `${where} is not set` : `${where} is not a list`;
      const found = value.find((item) => isRecord(item) && scalarText(item[segment.key]) === segment.value);
      if (found === undefined) {
        const present = value
          .map((item) => (isRecord(item) ? scalarText(item[segment.key]) : undefined))
          .filter((v): v is string => v !== undefined);
        const has = present.length > 0 ? ` (it has ${present.map((v) => `${segment.key}=${v}`).join(', ')})` : value.length === 0 ? ' (it is empty)' : '';
        return `${where} has no item with ${segment.key}=${segment.value}${has}`;
      }
      return [{ value: found, at: join(at, segment) }];
    }
    case 'any': {
      if (Array.isArray(value)) return value.map((v, i) => ({ value: v, at: `${at}[${i}]` }));
      if (isRecord(value)) return Object.entries(value).map(([k, v]) => ({ value: v, at: join(at, { type: 'key', key: k }) }));
      return `${where} is not set`;
    }
  }
}
