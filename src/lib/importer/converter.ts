import { isParagraphText, type Block, type SrcLine } from './blocks.ts';
import type { ImportContext } from './context.ts';
import { fenceChunk, highlightChunk, indentedChunk, rawHtmlChunk } from './code-blocks.ts';
import type { JsxTag } from './jsx-tags.ts';
import { handleShortcode, type Container } from './line-shortcodes.ts';
import { convertProse, type FlowTags, type ProseLine, type Seg } from './prose.ts';
import { convertSection, type SectionHost } from './sections.ts';
import { splitShortcodes } from './shortcodes.ts';
import { splitTagLine } from './html-tags.ts';
import { addSlideAttrs, type SlideAttr } from './slide-attrs.ts';

export interface ConverterOptions {
  /** Thematic breaks separate slides (reveal-hugo); otherwise (reveal.js templates) they stay rules. */
  separators: boolean;
  /** Converts reveal.js markdown (a section's template) into the deck, slide by slide. */
  revealMarkdown: SectionHost['revealMarkdown'];
}

/** Walks the blocks of a body (or of one reveal.js slide) and writes slides into the deck builder. */
export class Converter implements FlowTags {
  private para: ProseLine[] = [];
  private readonly containers: Container[] = [];
  private readonly flowTags: { name: string; tag: JsxTag; line: number }[] = [];
  /** No "empty slide" report for the next separator: a stack or section just ended. */
  private quiet = true;
  /** Nothing was added since a `<Frag>` or `<Notes>` opened. */
  private containerStart = false;
  segs: Seg[] = [];
  /** Kinds of shortcode pairs left out when opened (notes inside notes): their closes are dropped too. */
  readonly ignoredCloses: string[] = [];

  constructor(
    readonly ctx: ImportContext,
    private readonly opts: ConverterOptions,
  ) {}

  convert(blocks: readonly Block[]): void {
    for (const block of blocks) this.block(block);
  }

  /** Ends the input: closes what is still open, reporting it. */
  finish(line: number): void {
    this.flush();
    for (const c of [...this.containers].reverse()) {
      this.ctx.report.notConverted(c.line, `${c.source} is never closed; closed at the end of the ${this.opts.separators ? 'deck' : 'slide'}`);
      this.closeTop(line);
    }
    this.closeFlow(0, line, 'the end of the input');
  }

  private block(block: Block): void {
    switch (block.kind) {
      case 'blank':
        return this.flush();
      case 'text':
        return this.line(block.text, block.line);
      case 'comment':
        this.flush();
        this.para = block.lines.map((l) => ({ line: l.line, segs: [{ src: l.text }] }));
        return this.flush();
      case 'fence':
        return this.emit(fenceChunk(block, this.ctx.report), block.line);
      case 'indented':
        return this.emit(indentedChunk(block.body), block.line);
      case 'highlight':
        return this.emit(highlightChunk(block, this.ctx.report), block.line);
      case 'hr':
        return this.separator(block.line);
      case 'setext':
        return this.setext(block.line);
      case 'section':
        return this.section(block.text, block.line);
      case 'raw-html':
        return this.emit(rawHtmlChunk(block, this.ctx.report), block.line);
    }
  }

  private line(text: string, line: number): void {
    const parts = splitShortcodes(text);
    if (!parts.some((p) => p.kind === 'shortcode')) {
      const plain = parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
      for (const tag of splitTagLine(plain)) this.para.push({ line, segs: [{ src: tag }] });
      return;
    }
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part?.kind === 'text') this.segs.push({ src: part.text });
      else i = handleShortcode(this, parts, i, line);
    }
    this.endLine(line);
  }

  /** Moves the current line's segments into the paragraph. */
  endLine(line: number): void {
    if (this.segs.some((s) => ('src' in s ? s.src.trim() : s.mdx))) this.para.push({ line, segs: this.segs });
    this.segs = [];
  }

  /** Ends the paragraph: a single converted element standing alone takes its block form. */
  flush(): void {
    const para = this.para;
    this.para = [];
    if (para.length === 0) return;
    const only = para.length === 1 ? para[0]?.segs.filter((s) => !('src' in s) || s.src.trim()) : undefined;
    const single = only?.length === 1 ? only[0] : undefined;
    let text = single && 'block' in single && single.block ? single.block : convertProse(para, { report: this.ctx.report, flow: this });
    if (this.ctx.builder.atSlideStart || this.containerStart) {
      const plain = leadingElementCommentsMadePlain(text);
      if (plain !== text) this.ctx.report.notConverted(para[0]?.line ?? 0, 'a .element comment with nothing before it in the slide to apply to; kept as a plain comment');
      text = plain;
    }
    this.ctx.builder.add({ text }, para[0]?.line ?? 0);
    this.containerStart = /^<[A-Za-z][^\n]*[^/]>$/.test(text.split('\n').at(-1) ?? '');
  }

  /** Adds a block to the current slide, after the paragraph in progress. */
  emit(text: string, line: number, tight?: string): void {
    this.flush();
    this.ctx.builder.add({ text, ...(tight !== undefined ? { tight } : {}) }, line);
    this.containerStart = false;
  }

  slideAttrs(attrs: readonly SlideAttr[], line: number): void {
    addSlideAttrs(this.ctx, attrs, line);
  }

  openContainer(c: Omit<Container, 'flowDepth'>): void {
    if (c.open) this.emit(c.open, c.line);
    this.containers.push({ ...c, flowDepth: this.flowTags.length });
    this.containerStart = c.open !== undefined;
  }

  /** Closes the innermost open container of this kind (and, reporting them, any opened inside it). */
  closeContainer(kind: Container['kind'], line: number): boolean {
    const at = this.containers.findLastIndex((c) => c.kind === kind);
    if (at < 0) return false;
    while (this.containers.length > at + 1) {
      const inner = this.containers.at(-1);
      if (inner) this.ctx.report.notConverted(inner.line, `${inner.source} is not closed before line ${line}; closed there`);
      this.closeTop(line);
    }
    this.closeTop(line);
    return true;
  }

  inContainer(kind: Container['kind']): boolean {
    return this.containers.some((c) => c.kind === kind);
  }

  private closeTop(line: number): void {
    this.flush();
    const c = this.containers.pop();
    if (!c) return;
    this.closeFlow(c.flowDepth, line, `the end of ${c.source}`);
    if (c.close) this.emit(c.close, line);
    if (c.kind === 'section') this.breakSlide('h');
  }

  open(tag: JsxTag, line: number): void {
    this.flowTags.push({ name: tag.name.toLowerCase(), tag, line });
  }

  close(name: string): string | undefined {
    const floor = this.containers.at(-1)?.flowDepth ?? 0;
    const top = this.flowTags.at(-1);
    const matches = top && this.flowTags.length > floor && (top.name === name || (top.tag.name === 'Notes' && name === 'aside'));
    if (!matches) return undefined;
    this.flowTags.pop();
    return top.tag.name;
  }

  private closeFlow(depth: number, line: number, where: string): void {
    while (this.flowTags.length > depth) {
      const open = this.flowTags.pop();
      if (!open) break;
      this.ctx.report.notConverted(open.line, `<${open.name}> is not closed before ${where} (line ${line}); closed there`);
      this.emit(`</${open.tag.name}>`, line);
    }
  }

  /** Ends the current slide: the next content goes right (`h`) or below (`v`). */
  breakSlide(direction: 'h' | 'v', line = 0): void {
    this.flush();
    for (let top = this.containers.at(-1); top && top.kind !== 'section'; top = this.containers.at(-1)) {
      this.ctx.report.notConverted(top.line, `${top.source} is not closed before the slide ends (line ${line}); closed there`);
      this.closeTop(line);
    }
    this.closeFlow(this.containers.at(-1)?.flowDepth ?? 0, line, 'the end of the slide');
    if (direction === 'h') this.ctx.builder.breakHorizontal();
    else this.ctx.builder.breakVertical();
    this.quiet = true;
  }

  private separator(line: number): void {
    if (!this.opts.separators) return this.emit('***', line);
    const top = this.containers.at(-1);
    if (top && top.kind !== 'section') {
      this.ctx.report.notConverted(line, `slide separator inside ${top.source} (line ${top.line}); left out`);
      return;
    }
    this.flush();
    if (!this.ctx.builder.hasContent && !this.quiet) this.ctx.report.changed(line, 'empty slide left out');
    this.breakSlide(this.inContainer('section') ? 'v' : 'h', line);
    this.quiet = false;
  }

  private setext(line: number): void {
    let start = this.para.length;
    while (start > 0 && isParagraphText(this.para[start - 1]?.segs.map((s) => ('src' in s ? s.src : s.mdx)).join('') ?? '')) start--;
    const [first, ...rest] = this.para.slice(start);
    if (!first) return this.separator(line);
    const segs: Seg[] = [{ src: '## ' }, ...first.segs, ...rest.flatMap((l): Seg[] => [{ src: ' ' }, ...l.segs])];
    this.para = [...this.para.slice(0, start), { line: first.line, segs }];
    if (this.opts.separators) {
      this.ctx.report.changed(line, 'a line of dashes right under a line of text underlines a heading in reveal-hugo, not a slide separator; written as a `##` heading');
    }
    this.flush();
  }

  private section(text: string, line: number): void {
    this.flush();
    const inStack = this.inContainer('section');
    if (this.ctx.builder.hasContent) this.breakSlide(inStack ? 'v' : 'h', line);
    convertSection(text, line, { ctx: this.ctx, inStack, revealMarkdown: this.opts.revealMarkdown });
    this.breakSlide(inStack ? 'v' : 'h', line);
  }
}

/** `.element` comments on the comment-only lines a block starts with apply to nothing: made plain comments. */
function leadingElementCommentsMadePlain(text: string): string {
  const lines = text.split('\n');
  let i = 0;
  for (; i < lines.length && /^\s*(?:\{\/\*.*?\*\/\}\s*)+$/.test(lines[i] ?? ''); i++) {
    lines[i] = (lines[i] ?? '').replaceAll('{/* .element:', '{/* HTML comment: .element:');
  }
  if (/^\s*\{\/\* \.element:/.test(lines[i] ?? '')) lines[i] = (lines[i] ?? '').replace('{/* .element:', '{/* HTML comment: .element:');
  return lines.join('\n');
}

export type { SrcLine };
