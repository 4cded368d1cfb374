import { checkSlideCommentAttribute } from '../slides/slide-attributes.ts';
import { show } from './deck-fields.ts';
import type { ImportContext } from './context.ts';
import { notConvertedComment } from './escape.ts';
import type { Report } from './report.ts';
import type { Shortcode } from './shortcodes.ts';

export type SlideAttr = readonly [string, string | undefined];

/** reveal-hugo's slide shortcode prefixes every parameter with `data-` except these. */
const UNPREFIXED = new Set(['id', 'class']);

/**
 * `{{< slide id="x" background="#fff" transition="zoom" >}}` as reveal.js slide attributes
 * (`id="x" data-background="#fff" data-transition="zoom"`), with `template` resolved from the
 * frontmatter's `reveal_hugo.templates`. Returns the `notes` parameter separately.
 */
export function slideShortcodeAttrs(sc: Shortcode, line: number, ctx: ImportContext): { attrs: SlideAttr[]; notes?: string } {
  const attrs: SlideAttr[] = [];
  let notes: string | undefined;
  const add = (key: string, value: string) => attrs.push([UNPREFIXED.has(key) ? key : `data-${key}`, value]);
  for (const [key, value] of Object.entries(sc.named)) {
    if (key === 'notes') notes = value;
    else if (key === 'content') ctx.report.notConverted(line, `slide content="${value}" comes from Hugo site data, which is not part of the deck`);
    else if (key === 'template') {
      const template = ctx.templates[value];
      if (!template) ctx.report.notConverted(line, `slide template "${value}" is not defined in this file's reveal_hugo.templates`);
      for (const [k, v] of Object.entries(template ?? {})) add(k, typeof v === 'string' ? v : show(v));
    } else add(key, value);
  }
  if (sc.positional.length > 0) ctx.report.notConverted(line, `slide parameters without a name: ${sc.positional.join(' ')}`);
  return { attrs, ...(notes !== undefined ? { notes } : {}) };
}

/** Attributes of an HTML `<section>` as slide attributes, without reveal.js markdown's own. */
export function sectionAttrs(attrs: ReadonlyArray<{ name: string; value?: string }>): SlideAttr[] {
  return attrs
    .filter((a) => !/^data-(markdown|separator|separator-vertical|separator-notes|charset|noprocess|element-attributes|attributes)$/i.test(a.name))
    .map((a) => [a.name, a.value] as const);
}

/**
 * Slide attributes split into those a `.slide:` comment takes, under their normal (lower-case) names, and the
 * rest, each reported with `line` and returned as written. The deck's own check decides (src/lib/slides).
 */
export function acceptedSlideAttrs(attrs: readonly SlideAttr[], line: number, report: Report): { kept: SlideAttr[]; leftOut: string[] } {
  const kept: SlideAttr[] = [];
  const leftOut: string[] = [];
  for (const [name, value] of attrs) {
    const checked = checkSlideCommentAttribute({ name, value: value ?? '' });
    if (checked.ok) {
      kept.push([checked.value.name, value]);
      continue;
    }
    const shown = `${name}${value === undefined ? '' : `="${value}"`}`;
    report.notConverted(line, `slide attribute ${shown}: ${checked.message.replace(/\.$/, '')}; kept in a comment in the slide`);
    leftOut.push(shown);
  }
  return { kept, leftOut };
}

/** The comment that keeps left-out slide attributes in the slide, where the author finds them. */
export function leftOutSlideAttrs(shown: readonly string[]): string {
  return notConvertedComment(`slide attribute${shown.length > 1 ? 's' : ''} ${shown.join(' ')}`);
}

/** Puts attributes on the current slide; what a `.slide:` comment may not hold is reported and kept in a comment. */
export function addSlideAttrs(ctx: ImportContext, attrs: readonly SlideAttr[], line: number): void {
  const { kept, leftOut } = acceptedSlideAttrs(attrs, line, ctx.report);
  ctx.builder.addAttrs(kept, line);
  if (leftOut.length > 0) ctx.builder.add({ text: leftOutSlideAttrs(leftOut) }, line);
}
