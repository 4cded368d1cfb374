import { TRANSITIONS } from '../../schemas/deck.ts';
import { isRecord, type SourceFrontmatter } from './frontmatter.ts';
import type { Report } from './report.ts';

const THEMES = ['dark', 'light'] as const;

/** The deck fields (src/schemas/deck.ts) the input's frontmatter gave a value for. */
export interface DeckFields {
  title?: string;
  description?: string;
  duration?: number;
  theme?: (typeof THEMES)[number];
  transition?: (typeof TRANSITIONS)[number];
  order?: number;
  tags?: string[];
  draft?: boolean;
}

/** A frontmatter entry with no deck field to go to, e.g. `reveal_hugo.theme`. */
export interface Leftover {
  path: string;
  value: unknown;
  line: number;
}

export interface MappedFields {
  fields: DeckFields;
  leftovers: Leftover[];
}

const wholeNumber = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
};
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined =>
  values.find((x) => x === v);

/** Sets a deck field from a frontmatter value; returns why it cannot, or nothing when it did. */
type Setter = (fields: DeckFields, value: unknown, data: Record<string, unknown>) => string | undefined;

const text = (set: (f: DeckFields, v: string) => void): Setter => (f, v) => {
  if (typeof v !== 'string' || !v.trim()) return 'not a text';
  set(f, v.trim());
  return undefined;
};
const whole = (set: (f: DeckFields, n: number) => void, min: number, max: number): Setter => (f, v) => {
  const n = wholeNumber(v);
  if (n === undefined || n < min || n > max) return `not a whole number from ${min} to ${max}`;
  set(f, n);
  return undefined;
};
const oneOfSetter = <T extends string>(values: readonly T[], set: (f: DeckFields, v: T) => void): Setter => (f, v) => {
  const t = oneOf(values, v);
  if (t === undefined) return `not one of ${values.join(', ')}`;
  set(f, t);
  return undefined;
};

/** How each known key maps to the deck. */
const SETTERS: Record<string, Setter> = {
  title: text((f, v) => (f.title = v)),
  description: text((f, v) => (f.description = v)),
  summary: (f, v, data) => (data.description !== undefined ? 'description is used instead' : text((g, t) => (g.description = t))(f, v, data)),
  duration: whole((f, n) => (f.duration = n), 1, 600),
  weight: (f, v, data) => (data.order !== undefined ? 'order is used instead' : whole((g, n) => (g.order = n), -1e9, 1e9)(f, v, data)),
  order: whole((f, n) => (f.order = n), -1e9, 1e9),
  draft: (f, v) => {
    const b = v === 'true' ? true : v === 'false' ? false : v;
    if (typeof b !== 'boolean') return 'not true or false';
    f.draft = b;
    return undefined;
  },
  tags: (f, v) => {
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || !list.every((t) => typeof t === 'string' || typeof t === 'number')) return 'not a list of words';
    f.tags = list.map(String);
    return undefined;
  },
  theme: oneOfSetter(THEMES, (f, t) => (f.theme = t)),
  transition: oneOfSetter(TRANSITIONS, (f, t) => (f.transition = t)),
};

/**
 * Maps Hugo frontmatter to deck fields: title, description (or summary), duration, weight → order,
 * draft, tags, and Podium's own theme/transition/order. Everything else is a leftover, reported
 * with its line and kept out of the deck's frontmatter (the deck schema rejects unknown fields).
 */
export function mapFields(fm: SourceFrontmatter | undefined, report: Report): MappedFields {
  const fields: DeckFields = {};
  const leftovers: Leftover[] = [];
  if (!fm) return { fields, leftovers };
  for (const [key, value] of Object.entries(fm.data)) {
    const setter = SETTERS[key];
    const problem = setter ? setter(fields, value, fm.data) : 'no deck field for it';
    if (problem === undefined) continue;
    const entries = isRecord(value) && Object.keys(value).length > 0 ? Object.entries(value).map(([k, v]) => [[key, k], v] as const) : [[[key], value] as const];
    for (const [path, v] of entries) {
      const line = locate(fm, path);
      const shown = `${path.join('.')} = ${show(v)}`;
      report.notConverted(line, `frontmatter ${shown} (${problem}); kept as a comment at the top of the deck`);
      leftovers.push({ path: path.join('.'), value: v, line });
    }
  }
  return { fields, leftovers };
}

/** A short one-line rendering of a frontmatter value. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The file line where a (possibly nested) key is written; the block's first line if not found. */
function locate(fm: SourceFrontmatter, path: readonly string[]): number {
  let from = 0;
  let found = -1;
  for (const key of path) {
    const k = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern =
      fm.format === 'toml'
        ? new RegExp(`(?:^\\s*\\[*|[.{,])\\s*(["']?)${k}\\1\\s*(?:=|\\.|\\])`)
        : fm.format === 'yaml'
          ? new RegExp(`^\\s*(-\\s+)?(["']?)${k}\\2\\s*:`)
          : new RegExp(`"${k}"\\s*:`);
    const at = fm.lines.findIndex((l, i) => i >= from && pattern.test(l));
    if (at < 0) break;
    found = at;
    from = at;
  }
  return fm.firstLine + Math.max(found, 0);
}
