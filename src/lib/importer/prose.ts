import { notConvertedComment } from './escape.ts';
import { htmlToJsx } from './html-to-jsx.ts';
import { headingAttributes, lineStart } from './line-fixes.ts';
import { autolinkAt, readComment, readTag, type HtmlTag } from './html-tags.ts';
import { commentToMdx } from './html-comments.ts';
import type { JsxTag } from './jsx-tags.ts';
import { balanceTags, layoutBlockTags, onlyTag, type TagPiece } from './tag-balance.ts';
import type { Report } from './report.ts';

/** Part of a source line: markdown still to convert, or MDX already converted (a shortcode's result). */
export type Seg = { src: string } | { mdx: string; block?: string };

export interface ProseLine {
  line: number;
  segs: Seg[];
}

/** HTML elements whose tags stand on lines of their own, and so may enclose several paragraphs. */
export interface FlowTags {
  open(tag: JsxTag, line: number): void;
  /** The JSX name to close with; undefined when no open element matches. */
  close(name: string, line: number): string | undefined;
}

export interface ProseContext {
  report: Report;
  /** Without it, every tag must be closed within the text converted. */
  flow?: FlowTags;
}

const HOLE = /\uE000(\d+)\uE001/g;
const ESCAPABLE = /[!-/:-@[-`{-~]/;

/**
 * Converts one paragraph (or a line's worth of inline text) from CommonMark to MDX: HTML comments
 * become MDX comments, autolinks become links, tags become JSX tags (void tags self-closed,
 * attributes quoted), and `{`, `}` and stray `<` are escaped. Code spans are left as written.
 */
export function convertProse(lines: readonly ProseLine[], ctx: ProseContext): string {
  const held: string[] = [];
  const hold = (mdx: string) => `\uE000${held.push(mdx) - 1}\uE001`;
  const text = lines
    .map((l) => {
      const dropped = (meta: string) => ctx.report.notConverted(l.line, `"${meta}" after the language of a code fence in a list item; left out`);
      return lineStart(headingAttributes(l.segs.map((s) => ('src' in s ? s.src : hold(s.mdx))).join(''), hold), dropped);
    })
    .map((l, i) => l.replace(/[ \t]+$/, (ws) => (ws.length >= 2 && i < lines.length - 1 ? ws : '')))
    .join('\n');
  const sourceLines = text.split('\n');
  const lineIndex = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  const lineOf = (offset: number) => lines[lineIndex(offset)]?.line ?? 0;
  const aloneOn = (offset: number) => onlyTag(sourceLines[lineIndex(offset)] ?? '');
  const out: (string | TagPiece)[] = [];
  let buf = '';
  const emit = (s: string) => {
    buf += s;
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i] ?? '';
    if (c === '\\' && ESCAPABLE.test(text[i + 1] ?? '')) {
      emit(text.slice(i, i + 2));
      i += 2;
    } else if (c === '`') {
      const end = codeSpanEnd(text, i);
      emit(text.slice(i, end));
      i = end;
    } else if (c === '<') {
      const comment = readComment(text, i);
      const link = comment ? undefined : autolinkAt(text, i);
      const tag = comment || link ? undefined : readTag(text, i);
      const raw = tag ? rawElement(text, i, tag, lineOf(i), ctx.report) : undefined;
      const whole = i === 0 && comment?.end === text.length;
      if (comment) emit(commentToMdx(oneLine(comment.text.replace(HOLE, (_, n: string) => held[Number(n)] ?? ''), whole), lineOf(i), ctx.report));
      else if (link) emit(link.markdown);
      else if (raw) emit(hold(raw.mdx));
      else if (tag) {
        out.push(buf);
        buf = '';
        out.push({ tag, raw: text.slice(i, tag.end), line: lineOf(i), index: lineIndex(i), alone: aloneOn(i), out: '' });
      } else {
        if (text.startsWith('<!--', i)) ctx.report.notConverted(lineOf(i), 'an HTML comment that is never closed (no `-->`); kept as text');
        emit('\\<');
      }
      i = comment?.end ?? link?.end ?? raw?.end ?? tag?.end ?? i + 1;
    } else {
      emit(c === '{' || c === '}' ? `\\${c}` : c);
      i += 1;
    }
  }
  out.push(buf);
  const tags = out.filter((p): p is TagPiece => typeof p !== 'string');
  balanceTags(tags, sourceLines, ctx);
  const result = out.map((p) => (typeof p === 'string' ? p : p.out)).join('');
  return layoutBlockTags(result, tags, lines, ctx).replace(HOLE, (_, n: string) => held[Number(n)] ?? '');
}

/**
 * `<script>`, `<style>`, `<textarea>` and `<pre>` hold text that is not markdown: the whole element is
 * converted at once (scripts and styles into a comment, out of the slide).
 */
function rawElement(text: string, at: number, tag: HtmlTag, line: number, report: Report): { mdx: string; end: number } | undefined {
  const name = tag.name.toLowerCase();
  if (tag.closing || !['script', 'style', 'textarea', 'pre'].includes(name)) return undefined;
  const close = new RegExp(`</${name}\\s*>`, 'i').exec(text.slice(tag.end));
  if (!close) return undefined;
  const end = tag.end + close.index + close[0].length;
  const html = text.slice(at, end).replace(HOLE, '');
  if (name === 'script' || name === 'style') {
    report.notConverted(line, `<${name}> element; kept in an MDX comment, out of the slide`);
    return { mdx: notConvertedComment(oneLine(html, false)), end };
  }
  return { mdx: htmlToJsx(html, line, report), end };
}

/**
 * A comment inside a heading or list item must stay on one line (MDX would end the heading, or read the
 * next line as lazy); only a comment that is the whole paragraph may keep its lines.
 */
function oneLine(text: string, whole: boolean): string {
  return whole ? text : text.replace(/\s*\n\s*/g, ' ');
}

/** Offset past the code span opening at `at`, or past its backticks when none closes it. */
function codeSpanEnd(text: string, at: number): number {
  const run = /`+/y;
  run.lastIndex = at;
  const open = run.exec(text)?.[0].length ?? 1;
  const close = new RegExp(`(?<!\`)\`{${open}}(?!\`)`, 'g');
  close.lastIndex = at + open;
  const m = close.exec(text);
  return m ? m.index + open : at + open;
}
