import { LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { z, ZodIssue, ZodTypeAny } from 'zod';
import { narrowCheck } from '../labs/check-schemas.ts';
import { closest } from '../suggest.ts';

/** src/lib/suggest.ts's, also offered here to the lab checks that import it with the frontmatter helpers. */
export { closest };

/** A mistake in a content file, placed at a line and column (1-based). */
export interface ContentIssue {
  line: number;
  column: number;
  /** Dotted path of the field, when the mistake is in one. */
  field?: string;
  message: string;
  /** What to write instead. */
  hint?: string;
}

export interface Frontmatter {
  text: string;
  /** Line (1-based) of the file where the frontmatter's first line is. */
  firstLine: number;
}

/** The YAML between the opening and closing `---` lines, if the file starts with one. */
export function extractFrontmatter(source: string): Frontmatter | undefined {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) {
    if (/^---[ \t]*\r?\n/.test(source)) return { text: source.slice(source.indexOf('\n') + 1), firstLine: 2 };
    return undefined;
  }
  return { text: match[1] ?? '', firstLine: 2 };
}

/**
 * Turns a schema that cannot be walked by its shape (a `z.unknown().transform(…)` that picks a schema
 * from the data, say) into the schema that applies to `value`, so nested mistakes get the right
 * known fields and descriptions. Return undefined to leave the schema as it is.
 */
export type Narrow = (schema: ZodTypeAny, value: unknown) => ZodTypeAny | undefined;

export interface CheckOptions {
  /** Default: a lab check is walked by the schema of its kind. */
  narrow?: Narrow;
}

type Place = (offset: number) => { line: number; column: number };

/** A parsed frontmatter: its YAML document, the data, and how to turn offsets into file positions. */
export interface ParsedFrontmatter {
  root: unknown;
  data: unknown;
  place: Place;
  firstLine: number;
}

/** Parses a file's frontmatter; either the parsed document or the mistakes that stop it from parsing. */
export function parseFrontmatter(source: string): { ok: true; fm: ParsedFrontmatter } | { ok: false; issues: ContentIssue[] } {
  const fm = extractFrontmatter(source);
  if (!fm) return { ok: false, issues: [{ line: 1, column: 1, message: 'the file has no frontmatter' }] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(fm.text, { lineCounter, prettyErrors: false });
  const place: Place = (offset) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + fm.firstLine - 1, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return { ok: false, issues: doc.errors.map((e) => ({ ...place(e.pos[0]), message: `invalid YAML: ${e.message.split('\n')[0]}` })) };
  }
  return { ok: true, fm: { root: doc.contents, data: doc.toJS() ?? {}, place, firstLine: fm.firstLine } };
}

/** Parses a file's frontmatter and checks it against a schema; returns every mistake with its place. */
export function checkFrontmatter(source: string, schema: ZodTypeAny, options: CheckOptions = {}): ContentIssue[] {
  const checked = validateFrontmatter(parseFrontmatter(source), schema, options);
  return checked.ok ? [] : checked.issues;
}

/**
 * A frontmatter already parsed (so a caller that also reads its YAML parses it once), checked against
 * a schema: the data the schema gives, or every mistake with its place.
 */
export function validateFrontmatter<S extends ZodTypeAny>(
  parsed: ReturnType<typeof parseFrontmatter>,
  schema: S,
  options: CheckOptions = {},
): { ok: true; data: z.output<S> } | { ok: false; issues: ContentIssue[] } {
  if (!parsed.ok) {
    return { ok: false, issues: parsed.issues.map((i) => (i.message === 'the file has no frontmatter' ? { ...i, hint: firstLinesHint(schema) } : i)) };
  }
  const { fm } = parsed;
  const result = schema.safeParse(fm.data);
  if (result.success) return { ok: true, data: result.data as z.output<S> };
  return { ok: false, issues: result.error.issues.flatMap((issue) => describeIssue(issue, fm, schema, options.narrow ?? narrowCheck)) };
}

/** Where the value at `path` (`['setup', 'objects', 0]`) is written in the frontmatter, if it is. */
export function locate(fm: ParsedFrontmatter, path: (string | number)[]): { line: number; column: number } {
  const node = findValue(fm.root, path);
  return node?.range ? fm.place(node.range[0]) : { line: fm.firstLine, column: 1 };
}

/** `checks[0].object.where[1]`: a field path as an author writes about it. */
export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}

function describeIssue(issue: ZodIssue, fm: ParsedFrontmatter, schema: ZodTypeAny, narrow: Narrow | undefined): ContentIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const container = schemaAt(schema, issue.path, fm.data, narrow);
    const known = container ? Object.keys(shapeOf(container)) : [];
    const where = formatPath(issue.path);
    return issue.keys.map((key) => {
      const keyNode = findKey(fm.root, [...issue.path, key]);
      const near = closest(key, known);
      return {
        ...(keyNode?.range ? fm.place(keyNode.range[0]) : { line: fm.firstLine, column: 1 }),
        field: formatPath([...issue.path, key]),
        message: where ? `${where}: unknown field "${key}"` : `unknown field "${key}"`,
        hint: near ? `did you mean \`${near}\`? Known fields: ${known.join(', ')}` : `known fields: ${known.join(', ')}`,
      };
    });
  }
  const field = formatPath(issue.path);
  const valueNode = findValue(fm.root, issue.path);
  const description = schemaAt(schema, issue.path, fm.data, narrow)?.description;
  const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
  return [
    {
      ...(valueNode?.range ? fm.place(valueNode.range[0]) : { line: fm.firstLine, column: 1 }),
      field,
      message: missing ? `missing required field "${field}"` : field ? `${field}: ${issue.message}` : issue.message,
      ...(description ? { hint: `${field}: ${description}` } : {}),
    },
  ];
}

interface Def {
  shape?: () => Record<string, ZodTypeAny>;
  schema?: ZodTypeAny;
  innerType?: ZodTypeAny;
  type?: ZodTypeAny;
  valueType?: ZodTypeAny;
  in?: ZodTypeAny;
}

/** The schema itself once wrappers (optional, default, effects) are taken off; descriptions are kept. */
function unwrap(schema: ZodTypeAny, value: unknown, narrow: Narrow | undefined): ZodTypeAny {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const narrowed = narrow?.(current, value);
    if (narrowed && narrowed !== current) {
      current = narrowed;
      continue;
    }
    const def = current._def as Def;
    const inner = def.innerType ?? def.schema ?? def.in;
    if (!inner) return current;
    // A wrapper's description (set by `.describe()` after `.default()`) wins over the inner one.
    current = current.description && !inner.description ? (inner.describe(current.description) as ZodTypeAny) : inner;
  }
  return current;
}

function shapeOf(schema: ZodTypeAny): Record<string, ZodTypeAny> {
  const def = unwrap(schema, undefined, undefined)._def as Def;
  return typeof def.shape === 'function' ? def.shape() : {};
}

/** The schema of the field at `path`, walking objects, arrays and records alongside the data. */
function schemaAt(schema: ZodTypeAny, path: (string | number)[], data: unknown, narrow: Narrow | undefined): ZodTypeAny | undefined {
  let current: ZodTypeAny | undefined = schema;
  let value: unknown = data;
  for (const key of path) {
    if (!current) return undefined;
    const def = unwrap(current, value, narrow)._def as Def;
    if (typeof key === 'number') current = def.type;
    else if (typeof def.shape === 'function') current = def.shape()[key];
    else current = def.valueType;
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  return current ? withDescription(current, value, narrow) : undefined;
}

function withDescription(schema: ZodTypeAny, value: unknown, narrow: Narrow | undefined): ZodTypeAny {
  if (schema.description) return schema;
  const inner = unwrap(schema, value, narrow);
  return inner.description ? inner : schema;
}

function findPair(root: unknown, path: (string | number)[]) {
  let node: unknown = root;
  let found: { key: unknown; value: unknown } | undefined;
  for (const key of path) {
    if (isMap(node)) {
      found = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      found = item === undefined ? undefined : { key: item, value: item };
    } else {
      return undefined;
    }
    if (!found) return undefined;
    node = found.value;
  }
  return found;
}

function findKey(root: unknown, path: (string | number)[]): YamlNode | undefined {
  return findPair(root, path)?.key as YamlNode | undefined;
}

function findValue(root: unknown, path: (string | number)[]): YamlNode | undefined {
  // The deepest node that exists: a missing field is reported at its parent.
  for (let n = path.length; n > 0; n--) {
    const pair = findPair(root, path.slice(0, n));
    if (pair) return (pair.value ?? pair.key) as YamlNode | undefined;
  }
  return undefined;
}

function firstLinesHint(schema: ZodTypeAny): string {
  const required = Object.entries(shapeOf(schema))
    .filter(([, s]) => !s.isOptional())
    .map(([k]) => `${k}: …`);
  return `start the file with a frontmatter block:\n---\n${required.join('\n')}\n---`;
}

/** `file:line:column: message` then the hint, indented: the form editors and terminals link to. */
export function formatIssue(file: string, issue: ContentIssue): string {
  const head = `${file}:${issue.line}:${issue.column}: ${issue.message}`;
  return issue.hint ? `${head}\n    ${issue.hint.replace(/\n/g, '\n    ')}` : head;
}
