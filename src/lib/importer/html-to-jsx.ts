import type { Element, ElementContent, Nodes, Properties, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { escapeMarkdown, jsxString, notConvertedComment } from './escape.ts';
import { readTag, type HtmlAttr } from './html-tags.ts';
import { commentToMdx } from './html-comments.ts';
import { jsxTagFor } from './jsx-tags.ts';
import type { Report } from './report.ts';

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'colgroup', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'tr', 'ul',
]);
/** Elements whose text is not markup; their content is kept verbatim as a JSX string. */
const VERBATIM = new Set(['pre', 'textarea']);
const DROPPED = new Set(['script', 'style']);
const VALID_NAME = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/;

/** Where the HTML came from: the text (for attributes as written) and the file line of its first line. */
export interface HtmlSource {
  text: string;
  line: number;
  report: Report;
}

/** An HTML fragment as MDX-safe JSX: tags closed, void tags self-closed, text escaped. */
export function htmlToJsx(html: string, line: number, report: Report): string {
  const tree = fromHtml(html, { fragment: true });
  return childrenToJsx(tree.children, { text: html, line, report });
}

/** Children laid out as lines: block elements each on their own, inline runs together. */
export function childrenToJsx(children: readonly RootContent[], src: HtmlSource): string {
  children = children.flatMap((c) => unwrapInvalid(c, src));
  const lines: string[] = [];
  let run = '';
  const endRun = () => {
    if (run.trim()) lines.push(run.trim());
    run = '';
  };
  for (const child of children) {
    if (isBlock(child)) {
      endRun();
      lines.push(elementToJsx(child, src));
    } else run += inlineToJsx(child, src);
  }
  endRun();
  return lines.join('\n');
}

/**
 * The HTML parser makes an element of anything tag-like (`<https://x>` is an element `https:`); one
 * JSX cannot name becomes its tag as text, followed by its children.
 */
function unwrapInvalid(node: RootContent, src: HtmlSource): RootContent[] {
  if (node.type !== 'element' || VALID_NAME.test(node.tagName)) return [node];
  src.report.notConverted(lineOf(node, src), `<${node.tagName}> is not an element name JSX accepts; kept as text`);
  return [{ type: 'text', value: `<${node.tagName}>` }, ...node.children.flatMap((c) => unwrapInvalid(c, src))];
}

function elementToJsx(el: Element, src: HtmlSource): string {
  const at = lineOf(el, src);
  el = { ...el, children: el.children.flatMap((c) => unwrapInvalid(c, src)) as ElementContent[] };
  if (DROPPED.has(el.tagName)) {
    src.report.notConverted(at, `<${el.tagName}> inside HTML; kept in an MDX comment, out of the slide`);
    return notConvertedComment(`<${el.tagName}> ${textOf(el)}`);
  }
  const tag = jsxTagFor({ closing: false, name: el.tagName, attrs: attrsOf(el, src), selfClosing: false, end: 0 }, (name) =>
    src.report.notConverted(at, `attribute "${name}" of <${el.tagName}> cannot be written in JSX; dropped`),
  );
  if (!tag.opens) return tag.open;
  const close = `</${tag.name}>`;
  if (VERBATIM.has(el.tagName)) return `${tag.open}${el.children.map((c) => verbatim(c, src)).join('')}${close}`;
  const allInline = !el.children.some(isBlock);
  if (allInline) {
    const inner = el.children.map((c) => inlineToJsx(c, src)).join('');
    return `${tag.open}${BLOCK.has(el.tagName) ? inner.trim() : inner}${close}`;
  }
  return `${tag.open}\n${childrenToJsx(el.children, src)}\n${close}`;
}

/** Block elements, and inline ones the parser filled with blocks (an unclosed `<span>` before a `<div>`). */
function isBlock(node: RootContent): node is Element {
  if (node.type !== 'element') return false;
  return BLOCK.has(node.tagName) || DROPPED.has(node.tagName) || (!VERBATIM.has(node.tagName) && node.children.some(isBlock));
}

function inlineToJsx(node: RootContent, src: HtmlSource): string {
  if (node.type === 'text') return escapeMarkdown(node.value.replace(/\s+/g, ' '));
  if (node.type === 'comment') return commentToMdx(node.value, lineOf(node, src), src.report);
  if (node.type === 'element') return elementToJsx(node, src);
  return '';
}

function verbatim(node: RootContent, src: HtmlSource): string {
  if (node.type === 'text') return jsxString(node.value);
  if (node.type !== 'element') return '';
  const tag = jsxTagFor({ closing: false, name: node.tagName, attrs: attrsOf(node, src), selfClosing: false, end: 0 }, () => {});
  return tag.opens ? `${tag.open}${node.children.map((c) => verbatim(c, src)).join('')}</${tag.name}>` : tag.open;
}

/** The element's attributes as the author wrote them, read back from its start tag (undefined when that cannot be read). */
export function writtenAttrs(el: Element, src: HtmlSource): HtmlAttr[] | undefined {
  const offset = el.position?.start.offset;
  const tag = offset !== undefined && src.text[offset] === '<' ? readTag(src.text, offset) : undefined;
  return tag && !tag.closing && tag.name.toLowerCase() === el.tagName.toLowerCase() ? tag.attrs : undefined;
}

function attrsOf(el: Element, src: HtmlSource): HtmlAttr[] {
  return writtenAttrs(el, src) ?? fromProperties(el.properties);
}

function fromProperties(props: Properties): HtmlAttr[] {
  return Object.entries(props).flatMap(([key, value]): HtmlAttr[] => {
    if (value === false || value === null || value === undefined) return [];
    const name = key === 'className' ? 'class' : key === 'htmlFor' ? 'for' : key.replace(/^(data|aria)([A-Z])/, '$1-$2').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    return [value === true ? { name } : { name, value: Array.isArray(value) ? value.join(' ') : String(value) }];
  });
}

/** The file line where a node of the parsed HTML starts. */
export function lineOf(node: Nodes, src: HtmlSource): number {
  return src.line + (node.position?.start.line ?? 1) - 1;
}

function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'comment') return node.value;
  return 'children' in node ? node.children.map((c) => textOf(c)).join('') : '';
}
