/**
 * Conditions on fields (`where` of object and count checks, `yaml` of file checks): one path and one
 * or more comparisons, evaluated against plain JSON data, stated as what was expected and what was seen.
 */
import type { SubResult } from '../../src/lib/labs/api.ts';
import { lookup, parsePath, type ParsedPath } from '../../src/lib/labs/path.ts';
import type { Condition } from '../../src/schemas/check.ts';
import { quote, regex, show } from './text.ts';

type Scalar = string | number | boolean | null;

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * Equality as an author means it: `3` equals `"3"` (a label), `True` equals `"True"` (a condition
 * status), `null` equals a field that is not set.
 */
export function looseEquals(value: unknown, expected: Scalar): boolean {
  if (value === expected) return true;
  if (expected === null) return value === undefined || value === null;
  if (!isScalar(value) || value === null) return false;
  if (typeof value === 'boolean' || typeof expected === 'boolean') return String(value).toLowerCase() === String(expected).toLowerCase();
  if (typeof value === 'number' || typeof expected === 'number') {
    const a = Number(value);
    const b = Number(expected);
    return String(value).trim() !== '' && String(expected).trim() !== '' && !Number.isNaN(a) && a === b;
  }
  return false;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

interface Comparison {
  test(value: unknown): boolean;
  describe: string;
}

function comparisons(c: Condition): Comparison[] {
  const out: Comparison[] = [];
  if (c.equals !== undefined) out.push({ test: (v) => looseEquals(v, c.equals!), describe: c.equals === null ? 'not set' : show(c.equals) });
  if (c.notEquals !== undefined) out.push({ test: (v) => !looseEquals(v, c.notEquals!), describe: `anything but ${show(c.notEquals)}` });
  if (c.atLeast !== undefined && c.atMost !== undefined) {
    out.push({ test: (v) => (asNumber(v) ?? NaN) >= c.atLeast! && (asNumber(v) ?? NaN) <= c.atMost!, describe: `between ${c.atLeast} and ${c.atMost}` });
  } else if (c.atLeast !== undefined) {
    out.push({ test: (v) => (asNumber(v) ?? NaN) >= c.atLeast!, describe: `at least ${c.atLeast}` });
  } else if (c.atMost !== undefined) {
    out.push({ test: (v) => (asNumber(v) ?? NaN) <= c.atMost!, describe: `at most ${c.atMost}` });
  }
  if (c.matches !== undefined) {
    const re = new RegExp(c.matches);
    out.push({ test: (v) => asText(v) !== undefined && re.test(asText(v)!), describe: `text matching ${regex(c.matches)}` });
  }
  if (c.contains !== undefined) {
    const needle = c.contains;
    out.push({
      test: (v) => (Array.isArray(v) ? v.some((item) => looseEquals(item, needle)) : (asText(v) ?? '').includes(needle)),
      describe: `containing ${quote(needle)}`,
    });
  }
  if (c.exists !== undefined) {
    out.push({ test: (v) => (v !== undefined && v !== null) === c.exists, describe: c.exists ? 'set (any value)' : 'not set' });
  }
  if (c.oneOf !== undefined) out.push({ test: (v) => c.oneOf!.some((o) => looseEquals(v, o)), describe: `one of ${c.oneOf.map((o) => show(o)).join(', ')}` });
  return out;
}

/**
 * A condition's parsed path and comparisons (regular expressions compiled), made once: the engine
 * evaluates the same conditions after every cluster change, against every object a count lists.
 * Conditions come from lab definitions and are never changed.
 */
const compiled = new WeakMap<Condition, { path?: ParsedPath; tests?: Comparison[] }>();

function compiledOf(c: Condition): { path?: ParsedPath; tests?: Comparison[] } {
  let entry = compiled.get(c);
  if (!entry) {
    entry = {};
    compiled.set(c, entry);
  }
  return entry;
}

function pathOf(c: Condition): ParsedPath {
  const entry = compiledOf(c);
  return (entry.path ??= parsePath(c.path));
}

function testsOf(c: Condition): Comparison[] {
  const entry = compiledOf(c);
  return (entry.tests ??= comparisons(c));
}

/** What a condition expects, in words: `3`, `at least 1`, `text matching /^nginx/`. */
export function describeCondition(c: Condition): string {
  return testsOf(c).map((x) => x.describe).join(' and ');
}

/**
 * Evaluates one condition against `data`. The subject is `<prefix>: <path>` (`deployment/web
 * (namespace shop): spec.replicas`). A path with `[*]` passes if any item does.
 */
export function evaluateCondition(data: unknown, c: Condition, prefix: string): SubResult {
  const subject = prefix ? `${prefix}: ${c.path}` : c.path;
  const parsed = pathOf(c);
  if (!parsed.ok) return { ok: false, subject, expected: 'a valid path', seen: parsed.error };
  const tests = testsOf(c);
  const passes = (v: unknown) => tests.every((t) => t.test(v));
  const expected = tests.map((t) => t.describe).join(' and ');
  const found = lookup(data, parsed.segments);
  if (!found.wildcard) {
    const value = found.hits[0]?.value;
    const seen = found.hits.length > 0 ? show(value) : found.missing && !found.missing.endsWith(' is not set') ? found.missing : 'not set';
    return { ok: passes(value), subject, expected, seen };
  }
  if (found.hits.length === 0) {
    // Nothing to look at: only "not set" can hold.
    return { ok: c.exists === false && tests.length === 1, subject, expected: `${expected} (for at least one item)`, seen: found.missing ? `no items (${found.missing})` : 'no items' };
  }
  const ok = found.hits.some((h) => passes(h.value));
  const values = found.hits.slice(0, 5).map((h) => show(h.value, 60));
  const more = found.hits.length > 5 ? ` and ${found.hits.length - 5} more` : '';
  return { ok, subject, expected: `${expected} (for at least one item)`, seen: `${values.join(', ')}${more}` };
}
