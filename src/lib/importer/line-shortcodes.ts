import type { Converter } from './converter.ts';
import { notConvertedMarker } from './escape.ts';
import { elementComment, fragmentSpec, fragProps, type FragmentSpec } from './fragments.ts';
import { convertProse, type Seg } from './prose.ts';
import type { LinePart, Shortcode } from './shortcodes.ts';
import { slideShortcodeAttrs } from './slide-attrs.ts';

/** A shortcode pair still open: its content follows on later lines. */
export interface Container {
  kind: 'section' | 'note' | 'fragment';
  line: number;
  /** The opening shortcode as written, for the report. */
  source: string;
  open?: string;
  close?: string;
  /** How many HTML flow tags were open when it opened. */
  flowDepth: number;
}

const LIST_ITEM = /^\s*(?:([-*+])|(\d{1,9})[.)])\s+\S/;
const BLOCK_START = /^\s*(?:#{1,6}\s|>|\||```|~~~)/;

/** Converts the shortcode `parts[i]` of a line; returns the index of the last part it used. */
export function handleShortcode(conv: Converter, parts: readonly LinePart[], i: number, line: number): number {
  const part = parts[i];
  if (part?.kind !== 'shortcode') return i;
  const sc = part.sc;
  const structural = (): void => {
    conv.endLine(line);
    conv.flush();
  };
  switch (sc.name) {
    case 'section':
      structural();
      if (sc.closing && conv.ignoredCloses.includes('section')) conv.ignoredCloses.splice(conv.ignoredCloses.lastIndexOf('section'), 1);
      else if (sc.closing) closeOrReport(conv, 'section', sc, line);
      else if (conv.inContainer('section')) {
        conv.ctx.report.notConverted(line, 'a section inside a section: reveal.js stacks do not nest; its slides join the outer stack');
        conv.ignoredCloses.push('section');
      } else {
        if (conv.ctx.builder.hasContent) conv.breakSlide('h', line);
        conv.openContainer({ kind: 'section', line, source: sc.raw });
      }
      return i;
    case 'note':
    case 'fragment':
      return pair(conv, parts, i, line);
    case 'frag': {
      const spec = fragmentSpec(sc.named.class, sc.named.index);
      const text = convertProse([{ line, segs: [{ src: sc.named.c ?? '' }] }], { report: conv.ctx.report });
      reportUnknownParams(conv, sc, ['c', 'class', 'index'], line);
      conv.segs.push(fragSeg(conv, spec, text, line));
      return i;
    }
    case 'slide': {
      const { attrs, notes } = slideShortcodeAttrs(sc, line, conv.ctx);
      conv.slideAttrs(attrs, line);
      if (notes !== undefined) {
        structural();
        conv.emit(`<Notes>\n${convertProse([{ line, segs: [{ src: notes }] }], { report: conv.ctx.report })}\n</Notes>`, line);
      }
      return i;
    }
    case 'markdown':
      return i;
    default:
      conv.ctx.report.notConverted(line, `Hugo shortcode ${sc.raw}; kept as text in the slide`);
      conv.segs.push(marker(sc.raw));
      return i;
  }
}

function pair(conv: Converter, parts: readonly LinePart[], i: number, line: number): number {
  const sc = (parts[i] as Extract<LinePart, { kind: 'shortcode' }>).sc;
  const kind = sc.name as 'note' | 'fragment';
  if (sc.closing) {
    conv.endLine(line);
    conv.flush();
    const ignored = conv.ignoredCloses.lastIndexOf(kind);
    if (ignored >= 0) conv.ignoredCloses.splice(ignored, 1);
    else closeOrReport(conv, kind, sc, line);
    return i;
  }
  if (kind === 'note' && conv.inContainer('note')) {
    conv.ctx.report.notConverted(line, `${sc.raw} inside speaker notes; notes do not nest, so it is left out`);
    const close = parts.findIndex((p, k) => k > i && p.kind === 'shortcode' && p.sc.name === 'note' && p.sc.closing);
    if (close < 0) conv.ignoredCloses.push('note');
    return close < 0 ? i : close;
  }
  const spec = fragmentSpec(sc.named.class, sc.named.index);
  if (kind === 'fragment') reportUnknownParams(conv, sc, ['class', 'index'], line);
  const j = parts.findIndex((p, k) => k > i && p.kind === 'shortcode' && p.sc.name === sc.name && p.sc.closing);
  if (j < 0) {
    conv.endLine(line);
    conv.flush();
    const open = kind === 'note' ? '<Notes>' : `<Frag${props(conv, spec, false, line)}>`;
    conv.openContainer({ kind, line, source: sc.raw, open, close: kind === 'note' ? '</Notes>' : '</Frag>' });
    return i;
  }
  const inner = innerSegs(conv, parts.slice(i + 1, j), line);
  const text = convertProse([{ line, segs: inner }], { report: conv.ctx.report }).trim();
  const blank = (p: LinePart | undefined) => p?.kind === 'text' && !p.text.trim();
  const wholeLine = parts.slice(0, i).every(blank) && parts.slice(j + 1).every(blank) && conv.segs.every((s) => 'src' in s && !s.src.trim());
  const first = inner[0] && 'src' in inner[0] ? inner[0].src : '';
  if (kind === 'note' || (wholeLine && BLOCK_START.test(first))) {
    conv.endLine(line);
    conv.flush();
    const [open, close] = kind === 'note' ? ['<Notes>', '</Notes>'] : [`<Frag${props(conv, spec, false, line)}>`, '</Frag>'];
    conv.emit(`${open}\n\n${text}\n\n${close}`, line);
  } else if (wholeLine && LIST_ITEM.test(first)) {
    conv.endLine(line);
    const m = LIST_ITEM.exec(first);
    const { comment, lost } = elementComment(spec);
    for (const what of lost) conv.ctx.report.notConverted(line, `fragment ${what}: Podium would reject it; left out`);
    conv.emit(`${text} ${comment}`, line, m?.[1] ? `list ${m[1]}` : 'list 1.');
  } else conv.segs.push(fragSeg(conv, spec, text, line));
  return j;
}

/** The content between a same-line pair: text, with nested `frag`s converted and others marked. */
function innerSegs(conv: Converter, parts: readonly LinePart[], line: number): Seg[] {
  return parts.map((p): Seg => {
    if (p.kind === 'text') return { src: p.text };
    if (p.sc.name === 'frag') {
      const spec = fragmentSpec(p.sc.named.class, p.sc.named.index);
      const text = convertProse([{ line, segs: [{ src: p.sc.named.c ?? '' }] }], { report: conv.ctx.report });
      return { mdx: `<Frag${props(conv, spec, true, line)}>${text}</Frag>` };
    }
    conv.ctx.report.notConverted(line, `Hugo shortcode ${p.sc.raw} inside another on the same line; kept as text`);
    return marker(p.sc.raw);
  });
}

function fragSeg(conv: Converter, spec: FragmentSpec, text: string, line: number): Seg {
  const inline = `<Frag${props(conv, spec, true, line)}>${text}</Frag>`;
  return { mdx: inline, block: `<Frag${props(conv, spec, false, line, false)}>${text}</Frag>` };
}

function props(conv: Converter, spec: FragmentSpec, inline: boolean, line: number, report = true): string {
  const { props: out, lost } = fragProps(spec, inline);
  if (report) for (const what of lost) conv.ctx.report.notConverted(line, `fragment ${what}: <Frag> has no prop for it`);
  return out;
}

function marker(raw: string): Seg {
  return { mdx: notConvertedMarker(raw), block: `> ${notConvertedMarker(raw)}` };
}

function closeOrReport(conv: Converter, kind: Container['kind'], sc: Shortcode, line: number): void {
  if (conv.closeContainer(kind, line)) return;
  conv.ctx.report.notConverted(line, `${sc.raw} closes nothing; kept as text`);
  conv.emit(`> ${notConvertedMarker(sc.raw)}`, line);
}

function reportUnknownParams(conv: Converter, sc: Shortcode, known: readonly string[], line: number): void {
  for (const key of Object.keys(sc.named)) {
    if (!known.includes(key)) conv.ctx.report.notConverted(line, `parameter ${key}="${sc.named[key]}" of ${sc.name}: no equivalent`);
  }
  if (sc.positional.length > 0) conv.ctx.report.notConverted(line, `parameters without a name in ${sc.raw}`);
}
