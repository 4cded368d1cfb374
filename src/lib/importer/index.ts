import { scanBlocks } from './blocks.ts';
import type { ImportContext } from './context.ts';
import { mapFields } from './deck-fields.ts';
import { renderHeader, type DeckOverrides } from './deck-header.ts';
import { DeckBuilder, renderSlides } from './deck-model.ts';
import { splitFrontmatter, type SourceFrontmatter } from './frontmatter.ts';
import { REVEAL_FILE_DEFAULTS } from './reveal-markdown.ts';
import { convertRevealMarkdown, newConverter } from './reveal-deck.ts';
import { Report, type ReportItem } from './report.ts';
import { firstHeading } from './title.ts';

export { formatReport, type ReportItem } from './report.ts';
export type { DeckOverrides } from './deck-header.ts';

/** `hugo`: a reveal-hugo content file. `reveal`: a reveal.js markdown file (`---`/`--` separators, `Note:`). */
export type Flavor = 'hugo' | 'reveal';

export interface ImportOptions {
  /** The input's file name (folders are dropped), for the description and the title fallback. */
  fileName: string;
  overrides?: DeckOverrides;
  /** Decided from the input when not given: frontmatter or Hugo shortcodes mean reveal-hugo. */
  flavor?: Flavor;
}

export interface ImportResult {
  mdx: string;
  /** What could not be converted, or was changed, with input lines; in input order. */
  report: ReportItem[];
  flavor: Flavor;
}

/** Converts a reveal-hugo or reveal.js markdown deck into a Podium MDX deck (docs/decks.md). */
export function importDeck(source: string, options: ImportOptions): ImportResult {
  const report = new Report();
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const { frontmatter, bodyLines, bodyFirstLine } = splitFrontmatter(lines, report);
  const { fields, leftovers } = mapFields(frontmatter, report);
  const flavor = options.flavor ?? (frontmatter || bodyLines.some((l) => /\{\{\s*[<%]/.test(l)) ? 'hugo' : 'reveal');
  const ctx: ImportContext = { report, builder: new DeckBuilder(), templates: templatesOf(frontmatter) };
  if (flavor === 'hugo') {
    const conv = newConverter(ctx, true);
    conv.convert(scanBlocks(bodyLines.map((text, i) => ({ text, line: bodyFirstLine + i }))));
    conv.finish(lines.length);
  } else {
    convertRevealMarkdown(ctx, bodyLines.join('\n'), bodyFirstLine, REVEAL_FILE_DEFAULTS, [], false);
  }
  const fileName = options.fileName.split(/[\\/]/).pop() ?? options.fileName;
  const heading = firstHeading(bodyLines);
  const header = renderHeader({
    fields,
    leftovers,
    overrides: options.overrides ?? {},
    fileName,
    ...(heading ? { firstHeading: heading } : {}),
    slideCount: ctx.builder.slideCount,
  });
  return { mdx: `${header}\n${renderSlides(ctx.builder.stacks)}\n`, report: report.list(), flavor };
}

function templatesOf(fm: SourceFrontmatter | undefined): Record<string, Record<string, unknown>> {
  const hugo = fm?.data.reveal_hugo;
  const templates = typeof hugo === 'object' && hugo !== null ? (hugo as Record<string, unknown>).templates : undefined;
  return typeof templates === 'object' && templates !== null ? (templates as Record<string, Record<string, unknown>>) : {};
}
