import { LineCounter, parseDocument, isMap, isPair, isScalar, type Node as YamlNode } from 'yaml';
import type { ZodIssue, ZodTypeAny } from 'zod';

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

/** Parses a file's frontmatter and checks it against a schema; returns every mistake with its place. */
export function checkFrontmatter(source: string, schema: ZodTypeAny): ContentIssue[] {
  const fm = extractFrontmatter(source);
  if (!fm) {
    return [{ line: 1, column: 1, message: 'the file has no frontmatter', hint: firstLinesHint(schema) }];
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(fm.text, { lineCounter, prettyErrors: false });
  const place = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + fm.firstLine - 1, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => ({ ...place(e.pos[0]), message: `invalid YAML: ${e.message.split('\n')[0]}` }));
  }
  const data: unknown = doc.toJS() ?? {};
  const result = schema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => describeIssue(issue, doc.contents, schema, place, fm.firstLine));
}

type Place = (offset: number) => { line: number; column: number };

function describeIssue(
  issue: ZodIssue,
  root: unknown,
  schema: ZodTypeAny,
  place: Place,
  firstLine: number,
): ContentIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(shapeOf(schema));
    return issue.keys.map((key) => {
      const keyNode = findKey(root, [...issue.path, key]);
      const near = closest(key, known);
      return {
        ...(keyNode?.range ? place(keyNode.range[0]) : { line: firstLine, column: 1 }),
        field: [...issue.path, key].join('.'),
        message: `unknown field "${key}"`,
        hint: near ? `did you mean \`${near}\`? Known fields: ${known.join(', ')}` : `known fields: ${known.join(', ')}`,
      };
    });
  }
  const field = issue.path.join('.');
  const valueNode = findValue(root, issue.path);
  const description = describedField(schema, issue.path);
  const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
  return [
    {
      ...(valueNode?.range ? place(valueNode.range[0]) : { line: firstLine, column: 1 }),
      field,
      message: missing ? `missing required field "${field}"` : `${field}: ${issue.message}`,
      ...(description ? { hint: `${field}: ${description}` } : {}),
    },
  ];
}

function shapeOf(schema: ZodTypeAny): Record<string, ZodTypeAny> {
  const def = schema._def as { shape?: () => Record<string, ZodTypeAny>; schema?: ZodTypeAny; innerType?: ZodTypeAny };
  if (typeof def.shape === 'function') return def.shape();
  if (def.schema) return shapeOf(def.schema);
  if (def.innerType) return shapeOf(def.innerType);
  return {};
}

function describedField(schema: ZodTypeAny, path: (string | number)[]): string | undefined {
  let current: ZodTypeAny | undefined = schema;
  for (const key of path) {
    if (!current || typeof key !== 'string') return current?.description;
    current = shapeOf(current)[key];
  }
  return current?.description;
}

function findPair(root: unknown, path: (string | number)[]) {
  let node: unknown = root;
  let pair: { key: unknown; value: unknown } | undefined;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
    if (!pair) return undefined;
    node = pair.value;
  }
  return pair;
}

function findKey(root: unknown, path: (string | number)[]): YamlNode | undefined {
  return findPair(root, path)?.key as YamlNode | undefined;
}

function findValue(root: unknown, path: (string | number)[]): YamlNode | undefined {
  const pair = findPair(root, path);
  return (pair?.value ?? pair?.key) as YamlNode | undefined;
}

function firstLinesHint(schema: ZodTypeAny): string {
  const required = Object.entries(shapeOf(schema))
    .filter(([, s]) => !s.isOptional())
    .map(([k]) => `${k}: …`);
  return `start the file with a frontmatter block:\n---\n${required.join('\n')}\n---`;
}

/** The known name nearest to a misspelt one, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = saved;
    }
  }
  return row[b.length]!;
}

/** `file:line:column: message` then the hint, indented: the form editors and terminals link to. */
export function formatIssue(file: string, issue: ContentIssue): string {
  const head = `${file}:${issue.line}:${issue.column}: ${issue.message}`;
  return issue.hint ? `${head}\n    ${issue.hint.replace(/\n/g, '\n    ')}` : head;
}
