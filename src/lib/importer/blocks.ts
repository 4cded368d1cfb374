import { closesFence, fenceOpen } from './fences.ts';
import { findSectionEnd } from './section-bounds.ts';
import { opensUnfinishedShortcode, splitShortcodes, type Shortcode } from './shortcodes.ts';

/** A line of the input file with its number (1-based). */
export interface SrcLine {
  text: string;
  line: number;
}

export type Block =
  | { kind: 'blank'; line: number }
  /** A line of markdown (or of an HTML block, which ends at a blank line too). */
  | { kind: 'text'; line: number; text: string }
  /** Lines that form one paragraph even across blank lines: a multi-line HTML comment. */
  | { kind: 'comment'; line: number; lines: SrcLine[] }
  | { kind: 'fence'; line: number; open: string; body: string[]; close?: string }
  | { kind: 'indented'; line: number; body: string[] }
  /** A thematic break: a slide separator in reveal-hugo. */
  | { kind: 'hr'; line: number }
  /** `---` under a paragraph: a heading underline, not a separator. */
  | { kind: 'setext'; line: number }
  | { kind: 'section'; line: number; text: string }
  /** `<pre>`, `<script>`, `<style>` or `<textarea>`, whose content is not markdown. */
  | { kind: 'raw-html'; line: number; tag: string; text: string }
  | { kind: 'highlight'; line: number; sc: Shortcode; body: string[]; closed: boolean };

const HR = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT = /^ {0,3}-+[ \t]*$/;
const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)/;
const NOT_PARAGRAPH = /^\s{0,3}(?:#{1,6}(?:\s|$)|>|[-*+]\s|\d{1,9}[.)]\s|<|\|)/;
const RAW_HTML = /^ {0,3}<(pre|script|style|textarea)(?:\s|>|$)/i;

/** Splits lines into blocks the way CommonMark would, far enough to know what is code and what is not. */
export function scanBlocks(lines: readonly SrcLine[]): Block[] {
  const blocks: Block[] = [];
  let paragraph = false; // the previous line continues a paragraph a setext underline could end
  let inList = false;
  for (let i = 0; i < lines.length; i++) {
    const { text, line } = lines[i] ?? { text: '', line: 0 };
    const open = fenceOpen(text);
    const prevBlank = i === 0 || !lines[i - 1]?.text.trim();
    if (!text.trim()) {
      blocks.push({ kind: 'blank', line });
      paragraph = false;
    } else if (open) {
      // A fence in a blockquote ends with the blockquote, at the first line without `>`.
      const quoted = open.indent.includes('>');
      const inFence = (t: string) => !closesFence(t, open) && (!quoted || /^\s*>/.test(t));
      let j = i + 1;
      while (j < lines.length && inFence(lines[j]?.text ?? '')) j++;
      const close = j < lines.length && closesFence(lines[j]?.text ?? '', open) ? lines[j]?.text : undefined;
      blocks.push({ kind: 'fence', line, open: text, body: lines.slice(i + 1, j).map((l) => l.text), ...(close !== undefined ? { close } : {}) });
      i = close !== undefined ? j : j - 1;
      paragraph = false;
    } else if (/^( {4}|\t)/.test(text) && prevBlank && !inList) {
      let j = i;
      while (j + 1 < lines.length && (/^( {4}|\t)/.test(lines[j + 1]?.text ?? '') || !lines[j + 1]?.text.trim())) j++;
      while (j > i && !lines[j]?.text.trim()) j--;
      blocks.push({ kind: 'indented', line, body: lines.slice(i, j + 1).map((l) => l.text) });
      i = j;
    } else if (paragraph && SETEXT.test(text)) {
      blocks.push({ kind: 'setext', line });
      paragraph = false;
    } else if (HR.test(text)) {
      blocks.push({ kind: 'hr', line });
      paragraph = false;
    } else if (/^ {0,3}<section(?:\s|>|$)/i.test(text) && findSectionEnd(lines, i) >= 0) {
      const end = findSectionEnd(lines, i);
      blocks.push({ kind: 'section', line, text: lines.slice(i, end + 1).map((l) => l.text).join('\n') });
      i = end;
      paragraph = false;
    } else if (RAW_HTML.test(text)) {
      const tag = (RAW_HTML.exec(text)?.[1] ?? '').toLowerCase();
      let j = i;
      while (j < lines.length - 1 && !new RegExp(`</${tag}>`, 'i').test(lines[j]?.text ?? '')) j++;
      blocks.push({ kind: 'raw-html', line, tag, text: lines.slice(i, j + 1).map((l) => l.text).join('\n') });
      i = j;
      paragraph = false;
    } else if (/^ {0,3}<!--/.test(text) && !text.includes('-->') && lines.slice(i + 1).some((l) => l.text.includes('-->'))) {
      let j = i;
      while (j < lines.length - 1 && !lines[j]?.text.includes('-->')) j++;
      blocks.push({ kind: 'comment', line, lines: lines.slice(i, j + 1) });
      i = j;
      paragraph = false;
    } else if (startsHighlight(text)) {
      const sc = splitShortcodes(text).find((p) => p.kind === 'shortcode')?.sc;
      let j = i + 1;
      while (j < lines.length && !/\{\{[<%]\s*\/highlight\s*[>%]\}\}/.test(lines[j]?.text ?? '')) j++;
      if (sc) blocks.push({ kind: 'highlight', line, sc, body: lines.slice(i + 1, j).map((l) => l.text), closed: j < lines.length });
      i = j;
      paragraph = false;
    } else {
      let joined = text;
      let j = i;
      while (opensUnfinishedShortcode(joined) && j + 1 < lines.length && j - i < 20) joined += `\n${lines[++j]?.text ?? ''}`;
      if (opensUnfinishedShortcode(joined)) [joined, j] = [text, i];
      const prev = blocks.at(-1);
      const fresh = prev?.kind !== 'text' || endsParagraph(prev.text);
      paragraph = isParagraphText(text) && (fresh || paragraph);
      blocks.push({ kind: 'text', line, text: joined });
      i = j;
    }
    if (text.trim()) inList = LIST_ITEM.test(text) || (inList && (/^\s/.test(text) || !prevBlank));
  }
  return blocks;
}

function startsHighlight(text: string): boolean {
  return /^\s*\{\{[<%]\s*highlight(?:\s|[>%])/.test(text);
}

/** Whether a line can be part of a paragraph that a setext underline turns into a heading. */
export function isParagraphText(text: string): boolean {
  return !!text.trim() && !NOT_PARAGRAPH.test(text) && !onlyShortcodes(text);
}

function endsParagraph(text: string): boolean {
  return /^\s{0,3}#{1,6}(?:\s|$)/.test(text) || onlyShortcodes(text);
}

function onlyShortcodes(text: string): boolean {
  return splitShortcodes(text).every((p) => p.kind === 'shortcode' || !p.text.trim());
}
