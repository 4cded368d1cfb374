/**
 * The text layout of go-cmp reports: nodes that print on one line when they can (no differences, no
 * comments, short enough) and otherwise one record per line, with `-`/`+` markers, tab indentation, keys
 * aligned within runs of one-line records, and `...` ellipses carrying `// N identical fields` comments.
 */

export type Diff = '' | '-' | '+';

export type TextNode = TextLine | TextWrap | TextList;

export class TextLine {
  constructor(readonly text: string) {}
}

export class TextWrap {
  constructor(
    readonly prefix: string,
    public value: TextNode,
    readonly suffix: string,
  ) {}
}

export interface TextRecord {
  diff: Diff;
  key: string;
  value: TextNode;
  elideComma?: boolean;
  comment?: string;
}

export class TextList {
  constructor(readonly records: TextRecord[] = []) {}

  /** Adds `...` with a comment (or merges into a trailing ellipsis). */
  appendEllipsis(comment = ''): void {
    const last = this.records[this.records.length - 1];
    if (last && last.value instanceof TextLine && last.value.text === '...') return;
    this.records.push({ diff: '', key: '', value: ELLIPSIS, elideComma: true, ...(comment ? { comment } : {}) });
  }
}

export const NIL = new TextLine('nil');
export const ELLIPSIS = new TextLine('...');
const MAX_COLUMN = 80;

/** The one-line form of a node, used for lengths and equality. */
export function compactString(n: TextNode): string {
  if (n instanceof TextLine) return n.text;
  if (n instanceof TextWrap) return n.prefix + compactString(n.value) + n.suffix;
  return n.records.map((r) => (r.key ? `${r.key}: ` : '') + compactString(r.value)).join(', ');
}

export const textEqual = (a: TextNode, b: TextNode) => compactString(a) === compactString(b);

/** Collapses what fits on one line; returns the node to print. */
function compact(n: TextNode, d: Diff): TextNode {
  if (n instanceof TextLine) return n;
  if (n instanceof TextWrap) {
    n.value = compact(n.value, d);
    return n.value instanceof TextLine ? new TextLine(n.prefix + n.value.text + n.suffix) : n;
  }
  let multi = false;
  const parts: string[] = [];
  for (const r of n.records) {
    if (r.diff) multi = true;
    r.value = compact(r.value, r.diff || d);
    if (!(r.value instanceof TextLine)) multi = true;
    if (r.comment) multi = true;
    parts.push((r.key ? `${r.key}: ` : '') + (r.value instanceof TextLine ? r.value.text : ''));
  }
  const text = parts.join(', ');
  if ((d === '-' || d === '+') && text.length > MAX_COLUMN) multi = true;
  return multi ? n : new TextLine(text);
}

const indent = (depth: number, d: Diff) => `${d === '-' ? '- ' : d === '+' ? '+ ' : '  '}${'\t'.repeat(depth)}`;

/** Pads within runs of records that `skip` does not break. */
function alignments(records: TextRecord[], skip: (r: TextRecord) => boolean, len: (r: TextRecord) => number): number[] {
  const pads = new Array<number>(records.length).fill(0);
  let start = 0;
  let max = 0;
  const close = (end: number) => {
    for (let i = start; i < end; i++) pads[i] = max - len(records[i]!);
  };
  records.forEach((r, i) => {
    if (skip(r)) {
      close(i);
      start = i + 1;
      max = 0;
    } else max = Math.max(max, len(r));
  });
  close(records.length);
  return pads;
}

function expand(n: TextNode, d: Diff, depth: number): string {
  if (n instanceof TextLine) return n.text;
  if (n instanceof TextWrap) return n.prefix + expand(n.value, d, depth) + n.suffix;
  const recs = n.records;
  const simple = recs.every((r) => !r.diff && !r.key && r.value instanceof TextLine && !r.comment);
  if (simple) {
    let out = '';
    let batch = '';
    const emit = () => {
      if (batch) out += `\n${indent(depth + 1, d)}${batch.trimEnd()}`;
      batch = '';
    };
    for (const r of recs) {
      const line = (r.value as TextLine).text;
      if (batch.length + line.length + 2 > MAX_COLUMN) emit();
      batch += `${line}, `;
    }
    emit();
    return `${out}\n${indent(depth, d)}`;
  }
  const keyPads = alignments(
    recs,
    (r) => r.key === '' || !(r.value instanceof TextLine),
    (r) => [...r.key].length,
  );
  let out = '';
  recs.forEach((r, i) => {
    const rd = r.diff || d;
    out += `\n${indent(depth + 1, rd)}`;
    if (r.key) out += `${r.key}: `;
    out += ' '.repeat(keyPads[i]!);
    out += expand(r.value, rd, depth + 1);
    if (!r.elideComma) out += ',';
    if (r.comment) out += ` // ${r.comment}`;
  });
  return `${out}\n${indent(depth, d)}`;
}

/** The report as go-cmp prints it: two-column marker, the body, and a trailing newline. */
export function render(n: TextNode): string {
  const root = compact(n, '');
  return `${indent(0, '')}${expand(root, '', 0)}\n`;
}
