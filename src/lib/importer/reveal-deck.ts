import { scanBlocks, type SrcLine } from './blocks.ts';
import type { ImportContext } from './context.ts';
import { Converter } from './converter.ts';
import { dedentTemplate, splitReveal, type RevealPiece, type RevealSeparators } from './reveal-markdown.ts';
import { addSlideAttrs, type SlideAttr } from './slide-attrs.ts';

/**
 * Converts reveal.js markdown (a `data-markdown` template, or a whole reveal.js markdown file) into
 * slides of the deck: one per piece between separators, with `notes:` as `<Notes>`.
 * `attrs` (the section's own attributes) go on every slide, as reveal.js puts them on each.
 */
export function convertRevealMarkdown(
  ctx: ImportContext,
  text: string,
  firstLine: number,
  seps: RevealSeparators,
  attrs: readonly SlideAttr[],
  inStack: boolean,
): void {
  const stacks = splitReveal(dedentTemplate(text), firstLine, seps, ctx.report);
  stacks.forEach((stack, h) => {
    if (h > 0) (inStack ? ctx.builder.breakVertical() : ctx.builder.breakHorizontal());
    stack.forEach((slide, v) => {
      if (v > 0) ctx.builder.breakVertical();
      addSlideAttrs(ctx, attrs, slide.line);
      const conv = newConverter(ctx, false);
      conv.convert(scanBlocks(linesOf(slide)));
      if (slide.notes?.text.trim()) {
        conv.openContainer({ kind: 'note', line: slide.notes.line, source: 'notes:', open: '<Notes>', close: '</Notes>' });
        conv.convert(scanBlocks(linesOf(slide.notes)));
        conv.closeContainer('note', slide.notes.line);
      }
      conv.finish(lastLine(slide.notes ?? slide));
    });
  });
}

/** A converter for this import; `separators` says whether `---` splits slides (reveal-hugo bodies). */
export function newConverter(ctx: ImportContext, separators: boolean): Converter {
  return new Converter(ctx, {
    separators,
    revealMarkdown: (text, line, seps, attrs, inStack) => convertRevealMarkdown(ctx, text, line, seps, attrs, inStack),
  });
}

function lastLine(piece: RevealPiece): number {
  return piece.line + piece.text.split('\n').length - 1;
}

/** A piece of text as numbered lines, without the blank lines around it. */
function linesOf(piece: RevealPiece): SrcLine[] {
  const lines = piece.text.split('\n').map((text, i) => ({ text: text.replace(/\r$/, ''), line: piece.line + i }));
  while (lines.length > 0 && !lines[0]?.text.trim()) lines.shift();
  while (lines.length > 0 && !lines.at(-1)?.text.trim()) lines.pop();
  return lines;
}
