import type { Element, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { ImportContext } from './context.ts';
import { notConvertedMarker } from './escape.ts';
import { readTag, type HtmlAttr } from './html-tags.ts';
import { childrenToJsx, lineOf, writtenAttrs, type HtmlSource } from './html-to-jsx.ts';
import { REVEAL_DEFAULTS, type RevealSeparators } from './reveal-markdown.ts';
import { addSlideAttrs, sectionAttrs, type SlideAttr } from './slide-attrs.ts';

export interface SectionHost {
  ctx: ImportContext;
  /** The section sits inside a `{{% section %}}` stack: all its slides go below one another. */
  inStack: boolean;
  revealMarkdown: (text: string, line: number, seps: RevealSeparators, attrs: readonly SlideAttr[], inStack: boolean) => void;
}

/**
 * An HTML `<section>` block as slides: `data-markdown` sections through their template,
 * `data-noprocess` (and plain) sections as JSX, nested sections as a stack.
 */
export function convertSection(text: string, line: number, host: SectionHost): void {
  const src: HtmlSource = { text, line, report: host.ctx.report };
  const tree = fromHtml(text, { fragment: true });
  let done = false;
  for (const node of tree.children) {
    if (!done && node.type === 'element' && node.tagName === 'section') {
      section(node, src, host);
      done = true;
    } else leftOut(node, src, 'next to a <section> block');
  }
}

function section(el: Element, src: HtmlSource, host: SectionHost): void {
  const children = el.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'section');
  if (children.length === 0) return leaf(el, src, host, host.inStack);
  if (sectionAttrs(attrsOf(el, src)).length > 0) {
    src.report.notConverted(lineOf(el, src), 'attributes of a <section> that holds a stack: Podium has none for a stack; left out');
  }
  for (const node of el.children) if (!children.includes(node as Element)) leftOut(node, src, 'between the sections of a stack');
  children.forEach((child, k) => {
    if (k > 0) host.ctx.builder.breakVertical();
    leaf(child, src, host, true);
  });
}

function leaf(el: Element, src: HtmlSource, host: SectionHost, inStack: boolean): void {
  const line = lineOf(el, src);
  const attrs = attrsOf(el, src);
  const get = (name: string) => attrs.find((a) => a.name.toLowerCase() === name)?.value;
  if (!attrs.some((a) => a.name.toLowerCase() === 'data-markdown')) {
    addSlideAttrs(host.ctx, sectionAttrs(attrs), line);
    host.ctx.builder.add({ text: childrenToJsx(el.children, src) }, line);
    return;
  }
  const external = get('data-markdown')?.trim();
  if (external) {
    src.report.notConverted(line, `data-markdown="${external}" loads a separate file; import that file on its own`);
    host.ctx.builder.add({ text: `> ${notConvertedMarker(`<section data-markdown="${external}">`)}` }, line);
    return;
  }
  const template = findTemplate(el);
  const body = template ? templateText(template, src) : innerText(el, src);
  if (template) for (const node of el.children) if (node !== template) leftOut(node, src, 'outside the template (reveal.js shows only the template)');
  const seps: RevealSeparators = {
    separator: get('data-separator') ?? REVEAL_DEFAULTS.separator,
    notes: get('data-separator-notes') ?? REVEAL_DEFAULTS.notes,
    ...(get('data-separator-vertical') ? { vertical: get('data-separator-vertical') } : {}),
  };
  host.revealMarkdown(body.text, body.line, seps, sectionAttrs(attrs), inStack);
}

/** reveal.js reads `[data-template]`, else the first `<script>`, else the section itself. */
function findTemplate(el: Element): Element | undefined {
  const all: Element[] = [];
  const walk = (n: Element) =>
    n.children.forEach((c) => {
      if (c.type === 'element') {
        all.push(c);
        walk(c);
      }
    });
  walk(el);
  return all.find((e) => e.properties.dataTemplate !== undefined) ?? all.find((e) => e.tagName === 'script');
}

function templateText(template: Element, src: HtmlSource): { text: string; line: number } {
  const first = template.children[0];
  const text = template.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  return { text, line: first ? lineOf(first, src) : lineOf(template, src) };
}

function innerText(el: Element, src: HtmlSource): { text: string; line: number } {
  const start = el.position?.start.offset ?? 0;
  const open = readTag(src.text, start);
  const from = open?.end ?? start;
  const end = el.position?.end.offset ?? src.text.length;
  const to = /<\/section\s*>$/i.test(src.text.slice(from, end)) ? src.text.lastIndexOf('<', end - 1) : end;
  return { text: src.text.slice(from, to), line: src.line + (src.text.slice(0, from).match(/\n/g)?.length ?? 0) };
}

function leftOut(node: RootContent, src: HtmlSource, where: string): void {
  if (node.type === 'text' && !node.value.trim()) return;
  const what = node.type === 'element' ? `<${node.tagName}>` : node.type === 'comment' ? 'a comment' : `text "${shorten(node)}"`;
  src.report.notConverted(lineOf(node, src), `${what} ${where}; left out`);
}

function shorten(node: RootContent): string {
  const text = node.type === 'text' ? node.value.trim().replace(/\s+/g, ' ') : '';
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function attrsOf(el: Element, src: HtmlSource): HtmlAttr[] {
  return writtenAttrs(el, src) ?? [];
}
