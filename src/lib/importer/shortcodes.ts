/** Hugo shortcodes in a line of text: `{{< name args >}}`, `{{% name args %}}` and their close tags. */

export interface Shortcode {
  name: string;
  /** `{{< /name >}}` */
  closing: boolean;
  /** `{{< name />}}` */
  selfClosing: boolean;
  named: Record<string, string>;
  positional: string[];
  /** The shortcode as written. */
  raw: string;
}

export type LinePart = { kind: 'text'; text: string } | { kind: 'shortcode'; sc: Shortcode };

const START = /\{\{(\s*)([<%])/y;
const NAME = /\s*(\/?)\s*([\w][\w./-]*)/y;

/** Splits a line into text and shortcodes; code spans stay text, and Hugo's escaped form (a shortcode wrapped in a comment) becomes the literal shortcode. */
export function splitShortcodes(line: string): LinePart[] {
  const parts: LinePart[] = [];
  let text = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] === '`') {
      const run = /`+/y;
      run.lastIndex = i;
      const ticks = run.exec(line)?.[0] ?? '`';
      const close = line.indexOf(ticks, i + ticks.length);
      const end = close < 0 ? i + ticks.length : close + ticks.length;
      text += line.slice(i, end);
      i = end;
      continue;
    }
    const found = line.startsWith('{{', i) ? readShortcode(line, i) : undefined;
    if (!found) {
      text += line[i];
      i += 1;
      continue;
    }
    if ('literal' in found) text += found.literal;
    else {
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'shortcode', sc: found.sc });
    }
    i = found.end;
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** Whether the line opens a shortcode that ends on a later line. */
export function opensUnfinishedShortcode(line: string): boolean {
  return splitShortcodes(line).some((p) => p.kind === 'text' && /\{\{\s*[<%](?![^]*[>%]\}\})/.test(p.text));
}

type Found = { sc: Shortcode; end: number } | { literal: string; end: number };

function readShortcode(line: string, at: number): Found | undefined {
  START.lastIndex = at;
  const start = START.exec(line);
  if (!start) return undefined;
  const delim = start[2] as '<' | '%';
  const after = START.lastIndex;
  const close = `${delim === '<' ? '>' : '%'}}}`;
  if (line.startsWith('/*', after)) {
    const end = line.indexOf(`*/${close}`, after);
    if (end < 0) return undefined;
    return { literal: `{{${start[1]}${delim}${line.slice(after + 2, end)}${close}`, end: end + 2 + close.length };
  }
  NAME.lastIndex = after;
  const name = NAME.exec(line);
  if (!name) return undefined;
  const end = findClose(line, NAME.lastIndex, close);
  if (end < 0) return undefined;
  let args = line.slice(NAME.lastIndex, end).trim();
  const selfClosing = args.endsWith('/');
  if (selfClosing) args = args.slice(0, -1).trim();
  const { named, positional } = readArgs(args);
  const sc = { name: name[2] ?? '', closing: name[1] === '/', selfClosing, named, positional, raw: line.slice(at, end + close.length) };
  return { sc, end: end + close.length };
}

function findClose(line: string, from: number, close: string): number {
  let quote = '';
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === '`') quote = c;
    else if (line.startsWith(close, i)) return i;
  }
  return -1;
}

const ARG = /\s*(?:([\w-]+)=)?("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+)/y;

function readArgs(args: string): { named: Record<string, string>; positional: string[] } {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  ARG.lastIndex = 0;
  for (let m = ARG.exec(args); m; m = ARG.exec(args)) {
    const raw = m[2] ?? '';
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw.startsWith('`') ? raw.slice(1, -1) : raw;
    if (m[1]) named[m[1]] = value;
    else positional.push(value);
    if (ARG.lastIndex >= args.length) break;
  }
  return { named, positional };
}
