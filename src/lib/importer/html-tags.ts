import { escapeMarkdown, linkDestination } from './escape.ts';

/** One attribute of an HTML tag, its value as written (quotes removed, character references kept). */
export interface HtmlAttr {
  name: string;
  value?: string;
}

export interface HtmlTag {
  closing: boolean;
  name: string;
  attrs: HtmlAttr[];
  selfClosing: boolean;
  /** Offset just past the tag's `>`. */
  end: number;
}

/** Elements that never have content; JSX needs them self-closed (`<br />`). */
export const VOID_ELEMENTS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

const ATTR = String.raw`[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60]+|'[^']*'|"[^"]*"))?`;
const OPEN_TAG = new RegExp(String.raw`<([A-Za-z][A-Za-z0-9-]*)((?:\s+${ATTR})*)\s*(/?)>`, 'y');
const CLOSE_TAG = /<\/([A-Za-z][A-Za-z0-9-]*)\s*>/y;
const ATTRS = /([A-Za-z_:][A-Za-z0-9_.:-]*)(?:\s*=\s*([^\s"'=<>`]+|'[^']*'|"[^"]*"))?/g;

/** Reads the HTML open or close tag starting at `s[at]` (a `<`), as CommonMark defines one. */
export function readTag(s: string, at: number): HtmlTag | undefined {
  CLOSE_TAG.lastIndex = at;
  const close = CLOSE_TAG.exec(s);
  if (close) return { closing: true, name: close[1] ?? '', attrs: [], selfClosing: false, end: CLOSE_TAG.lastIndex };
  OPEN_TAG.lastIndex = at;
  const open = OPEN_TAG.exec(s);
  if (!open) return undefined;
  const attrs = [...(open[2] ?? '').matchAll(ATTRS)].map(([, name = '', raw]) => ({
    name,
    ...(raw === undefined ? {} : { value: /^["']/.test(raw) ? raw.slice(1, -1) : raw }),
  }));
  return { closing: false, name: open[1] ?? '', attrs, selfClosing: open[3] === '/', end: OPEN_TAG.lastIndex };
}

/** Reads the HTML comment starting at `s[at]`; its text and the offset past `-->`. */
export function readComment(s: string, at: number): { text: string; end: number } | undefined {
  if (!s.startsWith('<!--', at)) return undefined;
  for (const empty of ['<!-->', '<!--->']) if (s.startsWith(empty, at)) return { text: '', end: at + empty.length };
  const close = s.indexOf('-->', at + 4);
  return close < 0 ? undefined : { text: s.slice(at + 4, close), end: close + 3 };
}

const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/y;
const EMAIL = /<([\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;

/** Reads a CommonMark autolink (`<https://…>`, `<a@b.c>`) at `s[at]` as a markdown link, which MDX keeps. */
export function autolinkAt(s: string, at: number): { markdown: string; end: number } | undefined {
  for (const [re, prefix] of [[AUTOLINK, ''], [EMAIL, 'mailto:']] as const) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (m?.[1]) return { markdown: `[${escapeMarkdown(m[1])}](${linkDestination(prefix + m[1])})`, end: re.lastIndex };
  }
  return undefined;
}

/**
 * A line of nothing but tags (`</div></div>`) is a block to MDX; split one tag a line, each can be
 * paired with its partner on its own. Any other line comes back whole.
 */
export function splitTagLine(line: string): string[] {
  const tags: string[] = [];
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  for (let i = indent.length; i < line.length; ) {
    const end = readTag(line, i)?.end;
    if (end === undefined) return [line];
    tags.push(indent + line.slice(i, end));
    i = end + (/^\s*/.exec(line.slice(end))?.[0].length ?? 0);
  }
  return tags.length > 1 ? tags : [line];
}
