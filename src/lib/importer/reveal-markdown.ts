import { closesFence, fenceOpen } from './fences.ts';
import type { Report } from './report.ts';

/** reveal.js markdown separators, as regular expression sources (`data-separator`, …). */
export interface RevealSeparators {
  separator: string;
  vertical?: string;
  notes: string;
}

/** reveal.js's defaults; a stand-alone reveal.js markdown deck conventionally uses `--` for stacks. */
export const REVEAL_DEFAULTS: RevealSeparators = { separator: String.raw`\r?\n---\r?\n`, notes: String.raw`^[ \t]*notes?:` };
export const REVEAL_FILE_DEFAULTS: RevealSeparators = { ...REVEAL_DEFAULTS, vertical: String.raw`\r?\n--\r?\n` };

export interface RevealPiece {
  text: string;
  /** File line of the piece's first line. */
  line: number;
}

export interface RevealSlide extends RevealPiece {
  notes?: RevealPiece;
}

/**
 * Removes the indentation of a template's first line from every line, as reveal.js does, so a
 * template indented inside its `<script>` reads as markdown. Lines keep their numbers.
 */
export function dedentTemplate(text: string): string {
  const tabs = /^\n?(\t*)/.exec(text)?.[1]?.length ?? 0;
  const spaces = /^\n?( *)/.exec(text)?.[1]?.length ?? 0;
  if (tabs > 0) return text.replace(new RegExp(`(^|\\n)\\t{${tabs}}`, 'g'), '$1');
  if (spaces > 1) return text.replace(new RegExp(`(^|\\n) {${spaces}}`, 'g'), '$1');
  return text;
}

/**
 * Splits reveal.js markdown into stacks of slides with their notes, the way reveal.js does, except
 * that separators inside code fences do not count.
 */
export function splitReveal(text: string, firstLine: number, seps: RevealSeparators, report: Report): RevealSlide[][] {
  const fenced = fenceRanges(text);
  const outside = (at: number) => !fenced.some(([from, to]) => at >= from && at < to);
  const lineAt = (offset: number) => firstLine + (text.slice(0, offset).match(/\n/g)?.length ?? 0);
  const split = REVEAL_DEFAULTS.separator;
  const horizontal = regex(seps.separator, '', split, report, firstLine);
  const any = regex(seps.separator + (seps.vertical ? `|${seps.vertical}` : ''), 'mg', split, report, firstLine);
  const notes = regex(seps.notes, 'mgi', REVEAL_DEFAULTS.notes, report, firstLine);
  const slide = (from: number, to: number): RevealSlide => {
    notes.lastIndex = from;
    let m = notes.exec(text);
    while (m && m.index < to && !outside(m.index)) m = notes.exec(text);
    const body = { text: text.slice(from, m && m.index < to ? m.index : to), line: lineAt(from) };
    if (!m || m.index >= to) return body;
    const notesFrom = m.index + m[0].length + (/^[ \t]*/.exec(text.slice(m.index + m[0].length))?.[0].length ?? 0);
    return { ...body, notes: { text: text.slice(notesFrom, to), line: lineAt(notesFrom) } };
  };
  const stacks: RevealSlide[][] = [[]];
  let from = 0;
  for (let m = any.exec(text); m; m = any.exec(text)) {
    if (m[0].length === 0) any.lastIndex++;
    if (!outside(m.index) || m[0].length === 0) continue;
    stacks.at(-1)?.push(slide(from, m.index));
    if (horizontal.test(m[0])) stacks.push([]);
    from = m.index + m[0].length;
  }
  stacks.at(-1)?.push(slide(from, text.length));
  return stacks.map((s) => s.filter((p) => p.text.trim() || p.notes?.text.trim())).filter((s) => s.length > 0);
}

function regex(source: string, flags: string, fallback: string, report: Report, line: number): RegExp {
  try {
    return new RegExp(source, flags);
  } catch {
    report.notConverted(line, `separator /${source}/ is not a valid regular expression; reveal.js's default is used`);
    return new RegExp(fallback, flags);
  }
}

/** Offsets [from, to) of fenced code blocks. */
function fenceRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const lines = text.split('\n');
  let offset = 0;
  let open: { at: number; fence: NonNullable<ReturnType<typeof fenceOpen>> } | undefined;
  for (const line of lines) {
    if (open) {
      if (closesFence(line, open.fence)) {
        ranges.push([open.at, offset + line.length]);
        open = undefined;
      }
    } else {
      const fence = fenceOpen(line);
      if (fence) open = { at: offset + line.length, fence };
    }
    offset += line.length + 1;
  }
  if (open) ranges.push([open.at, text.length]);
  return ranges;
}
