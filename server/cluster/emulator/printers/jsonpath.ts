/**
 * The JSONPath subset CRD printer columns use (client-go `util/jsonpath` semantics, missing keys allowed):
 * `.a.b`, `.a\.b` (escaped dot), `['a.b']`, `[0]`, `[-1]`, `[*]`, `[1:3]`, and filters `[?(@.type=="Ready")]`, `[?(@.x)]`, with == != < <= > >=.
 */

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'filter'; path: Step[]; op?: string; literal?: unknown };

export class JsonPathError extends Error {}

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if (/^(['"]).*\1$/s.test(t)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  throw new JsonPathError(`unrecognized literal ${JSON.stringify(t)}`);
}

/** Parses a path such as `.status.conditions[?(@.type=="Ready")].status` (a leading `$` and outer braces allowed). */
export function parseJsonPath(path: string): Step[] {
  let s = path.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1).trim();
  if (s.startsWith('$')) s = s.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '.') {
      i++;
      if (s[i] === '*') {
        steps.push({ kind: 'wildcard' });
        i++;
        continue;
      }
      // A field name runs to the next unescaped terminator; `\.` keeps a dot in it (`labels.node\.kubernetes\.io/instance-type`).
      const m = /^(?:\\.|[^\\.,[\]$@{}\s])*/.exec(s.slice(i))![0];
      if (m) steps.push({ kind: 'field', name: m.replace(/\\/g, '') });
      i += m.length;
    } else if (s[i] === '[') {
      const end = s.indexOf(']', s.startsWith('[?(', i) ? s.indexOf(')]', i) : i);
      if (end < 0) throw new JsonPathError(`unclosed [ in ${path}`);
      steps.push(parseBracket(s.slice(i + 1, end).trim(), path));
      i = end + 1;
    } else throw new JsonPathError(`unexpected ${JSON.stringify(s[i])} in ${path}`);
  }
  return steps;
}

function parseBracket(body: string, path: string): Step {
  if (body === '*') return { kind: 'wildcard' };
  if (/^(['"]).*\1$/s.test(body)) return { kind: 'field', name: body.slice(1, -1) };
  if (/^-?\d+$/.test(body)) return { kind: 'index', index: Number(body) };
  const slice = /^(-?\d*):(-?\d*)$/.exec(body);
  if (slice) return { kind: 'slice', ...(slice[1] ? { start: Number(slice[1]) } : {}), ...(slice[2] ? { end: Number(slice[2]) } : {}) };
  const filter = /^\?\((.*)\)$/s.exec(body);
  if (filter) {
    const m = /^@(\S*?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/s.exec(filter[1]!.trim());
    if (m) return { kind: 'filter', path: parseJsonPath(m[1]!), op: m[2]!, literal: parseLiteral(m[3]!) };
    const exists = /^@(\S*)$/.exec(filter[1]!.trim());
    if (exists) return { kind: 'filter', path: parseJsonPath(exists[1]!) };
  }
  throw new JsonPathError(`unrecognized [${body}] in ${path}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) return false;
  const [x, y] = [a as number | string, b as number | string];
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

function step(values: unknown[], s: Step): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (s.kind === 'field') {
      if (isObject(v) && Object.prototype.hasOwnProperty.call(v, s.name) && v[s.name] !== null) out.push(v[s.name]);
    } else if (s.kind === 'wildcard') {
      if (Array.isArray(v)) out.push(...v);
      else if (isObject(v)) out.push(...Object.keys(v).sort().map((k) => v[k]));
    } else if (Array.isArray(v)) {
      if (s.kind === 'index') {
        const i = s.index < 0 ? v.length + s.index : s.index;
        if (i >= 0 && i < v.length) out.push(v[i]);
      } else if (s.kind === 'slice') {
        out.push(...v.slice(s.start ?? 0, s.end ?? v.length));
      } else {
        for (const item of v) {
          const found = evaluate(s.path, item);
          if (s.op === undefined ? found.length > 0 : found.some((f) => compare(f, s.op!, s.literal))) out.push(item);
        }
      }
    }
  }
  return out;
}

/** Every value the path selects in `data`, in order; empty when nothing matches. */
export function evaluate(steps: Step[], data: unknown): unknown[] {
  return steps.reduce<unknown[]>((values, s) => step(values, s), [data]);
}
