import { escapeMdx } from './escape.ts';
import { readTag, VOID_ELEMENTS, type HtmlTag } from './html-tags.ts';
import { jsxTagFor, type JsxTag } from './jsx-tags.ts';
import type { ProseContext } from './prose.ts';

/** An HTML tag found in text being converted, and what it becomes. */
export interface TagPiece {
  tag: HtmlTag;
  raw: string;
  line: number;
  /** Index of its line in the text converted. */
  index: number;
  /** Whether the tag's line holds nothing else. */
  alone: boolean;
  /** It opens an element that encloses the blocks after it, so it must start a block. */
  flowOpen?: boolean;
  jsx?: JsxTag;
  out: string;
}

/** Lines that start a block of their own, so an element cannot run on across them. */
const BLOCK_START = /^\s{0,3}(?:#{1,6}(?:\s|$)|>|[-*+]\s|\d{1,9}[.)]\s|\||```|~~~)/;

/** Pairs the tags of a run of text, using where its blocks start (an inline element cannot cross one). */
export function balanceTags(tags: TagPiece[], sourceLines: readonly string[], ctx: ProseContext): void {
  const starts = sourceLines.map((l) => BLOCK_START.test(l));
  balance(tags, ctx, (from, to) => !starts.slice(from + 1, to + 1).some(Boolean));
}

/** The layout MDX needs around block tags of the converted text (see `startBlocks`, `orphanElementComments`). */
export function layoutBlockTags(text: string, tags: readonly TagPiece[], lines: readonly { line: number }[], ctx: ProseContext): string {
  const opens = new Set(tags.filter((t) => t.flowOpen).map((t) => t.index));
  const placed = orphanElementComments(text, opens, (i) => {
    ctx.report.notConverted(lines[i]?.line ?? 0, 'a .element comment right after an opening tag, with nothing to apply to; kept as a plain comment');
  });
  return startBlocks(placed, opens);
}

/** Whether the line holds one tag and nothing else: only then can MDX read it as a block of its own. */
export function onlyTag(line: string): boolean {
  const start = line.search(/\S/);
  const end = start < 0 ? undefined : readTag(line, start)?.end;
  return end !== undefined && !line.slice(end).trim();
}

/** A `.element` comment right after an opening tag, or opening a blockquote, applies to nothing (Podium rejects it): made plain. */
function orphanElementComments(text: string, opens: ReadonlySet<number>, report: (line: number) => void): string {
  return text
    .split('\n')
    .map((line, i, all) => {
      const afterOpen = opens.has(i - 1) && /^\s*\{\/\* \.element:/.test(line);
      const quoteStart = /^\s*(?:>\s*)+\{\/\* \.element:/.test(line) && !/^\s*>/.test(all[i - 1] ?? '');
      if (!afterOpen && !quoteStart) return line;
      report(i);
      return line.replace('{/* .element:', '{/* HTML comment: .element:');
    })
    .join('\n');
}

/** A blank line before each line that opens an enclosing element, so MDX does not read it as part of a paragraph. */
function startBlocks(text: string, lines: ReadonlySet<number>): string {
  if (lines.size === 0) return text;
  return text
    .split('\n')
    .map((line, i, all) => (lines.has(i) && i > 0 && all[i - 1]?.trim() ? `\n${line}` : line))
    .join('\n');
}

/**
 * Pairs open and close tags within one run of text; a tag left unpaired stays JSX when it stands on a
 * line of its own (it then encloses the blocks up to its close), else it becomes text.
 */
function balance(tags: TagPiece[], ctx: ProseContext, continuous: (fromLine: number, toLine: number) => boolean): void {
  const stack: TagPiece[] = [];
  const unmatched: TagPiece[] = [];
  const pairs: [number, number][] = [];
  for (const p of tags) {
    const name = p.tag.name.toLowerCase();
    if (p.tag.closing && VOID_ELEMENTS.has(name)) {
      p.out = name === 'br' ? '<br />' : '';
    } else if (p.tag.closing) {
      const at = stack.findLastIndex((s) => s.tag.name.toLowerCase() === name);
      const open = stack[at];
      // A tag alone on its line is a block to MDX, one inside a line is not: a pair must be both, and
      // an inline pair must stay within one paragraph.
      if (!open || open.alone !== p.alone || (!p.alone && !continuous(open.index, p.index))) unmatched.push(p);
      else {
        unmatched.push(...stack.splice(at + 1));
        p.out = `</${stack.pop()?.jsx?.name ?? name}>`;
        pairs.push([tags.indexOf(open), tags.indexOf(p)]);
      }
    } else {
      p.jsx = jsxTagFor(p.tag, (attr) =>
        ctx.report.notConverted(p.line, `attribute "${attr}" of <${p.tag.name}> cannot be written in JSX; dropped`),
      );
      p.out = p.jsx.open;
      if (p.jsx.opens) stack.push(p);
    }
  }
  unmatched.push(...stack);
  unmatched.sort((a, b) => tags.indexOf(a) - tags.indexOf(b));
  for (const p of unmatched) {
    const k = tags.indexOf(p);
    const enclosed = pairs.some(([from, to]) => from < k && k < to);
    if (p.alone && ctx.flow && !enclosed) {
      if (p.jsx) {
        ctx.flow.open(p.jsx, p.line);
        p.flowOpen = true;
        continue;
      }
      const name = ctx.flow.close(p.tag.name.toLowerCase(), p.line);
      if (name !== undefined) {
        p.out = `</${name}>`;
        continue;
      }
    }
    p.out = escapeMdx(p.raw);
    const missing = p.tag.closing ? 'no open tag before it' : 'no close tag after it';
    ctx.report.notConverted(p.line, `<${p.tag.closing ? '/' : ''}${p.tag.name}> has ${missing}; kept as text`);
  }
}
