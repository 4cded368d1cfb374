import { checkSlideAttribute } from '../slides/slide-attributes.ts';
import { show } from './deck-fields.ts';
import type { ImportContext } from './context.ts';
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
 * Puts attributes on the current slide, leaving out (and reporting) what a `.slide:` comment may not
 * hold: names other than id, class, style and data-*, and values Podium rejects (an unknown transition).
 */
export function addSlideAttrs(ctx: ImportContext, attrs: readonly SlideAttr[], line: number): void {
  const kept = attrs.filter(([name, value]) => {
    const allowed = /^(id|class|style|data-[\w.:-]+)$/i.test(name);
    const problem = allowed ? checkSlideAttribute(name, value ?? '') : `Podium slides take id, class, style and data-* attributes only`;
    const shown = `${name}${value === undefined ? '' : `="${value}"`}`;
    if (problem) ctx.report.notConverted(line, `slide attribute ${shown}: ${problem.replace(/\.$/, '')}; left out`);
    return !problem;
  });
  ctx.builder.addAttrs(kept, line);
}
