import { directiveComment } from './jsx-tags.ts';

/**
 * The converted deck before it is written out: horizontal slides, each a stack of one or more
 * vertical slides, each a list of MDX blocks. Slides are created only when content arrives, so
 * separators with nothing between them never make empty slides.
 */
export interface Chunk {
  text: string;
  /** Consecutive chunks with the same key are joined by one newline (items of one list), not a blank line. */
  tight?: string;
}

export interface SlideDraft {
  line: number;
  attrs: Map<string, string | undefined>;
  chunks: Chunk[];
}

export class DeckBuilder {
  readonly stacks: SlideDraft[][] = [];
  /** Where the next content goes: a new slide right (`h`) or below (`v`); undefined: the current slide. */
  private pending: 'h' | 'v' | undefined = 'h';

  /** Whether anything was added since the last separator (which left a new slide pending). */
  get hasContent(): boolean {
    return this.pending === undefined;
  }

  /** Whether the next block would be the first of its slide that shows anything (comments show nothing). */
  get atSlideStart(): boolean {
    const chunks = this.stacks.at(-1)?.at(-1)?.chunks ?? [];
    return this.pending !== undefined || chunks.every((c) => /^\{\/\*[\s\S]*\*\/\}$/.test(c.text.trim()));
  }

  get slideCount(): number {
    return this.stacks.reduce((n, stack) => n + stack.length, 0);
  }

  /** The next content starts a new horizontal slide. */
  breakHorizontal(): void {
    this.pending = 'h';
  }

  /** The next content starts a new slide below the current one. */
  breakVertical(): void {
    if (this.pending !== 'h') this.pending = 'v';
  }

  add(chunk: Chunk, line: number): void {
    if (!chunk.text.trim()) return;
    this.current(line).chunks.push(chunk);
  }

  /** reveal.js attributes of the current slide (`id`, `data-background`, …); a later value wins. */
  addAttrs(attrs: ReadonlyArray<readonly [string, string | undefined]>, line: number): void {
    if (attrs.length === 0) return;
    const slide = this.current(line);
    for (const [name, value] of attrs) slide.attrs.set(name, value);
  }

  private current(line: number): SlideDraft {
    const stack = this.stacks.at(-1);
    const last = stack?.at(-1);
    if (stack && last && this.pending === undefined) return last;
    const slide: SlideDraft = { line, attrs: new Map(), chunks: [] };
    if (stack && this.pending === 'v') stack.push(slide);
    else this.stacks.push([slide]);
    this.pending = undefined;
    return slide;
  }
}

/** The slides as Podium MDX: `---` between horizontal slides, `--` between the slides of a stack. */
export function renderSlides(stacks: readonly SlideDraft[][]): string {
  return stacks.map((stack) => stack.map(renderSlide).join('\n\n--\n\n')).join('\n\n---\n\n');
}

function renderSlide(slide: SlideDraft): string {
  let out = '';
  if (slide.attrs.size > 0) out = directiveComment('slide', slide.attrs);
  let previous: Chunk | undefined;
  for (const chunk of slide.chunks) {
    const joiner = !out ? '' : chunk.tight !== undefined && chunk.tight === previous?.tight ? '\n' : '\n\n';
    out += joiner + chunk.text;
    previous = chunk;
  }
  return out;
}
