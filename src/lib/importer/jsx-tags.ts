import { VOID_ELEMENTS, type HtmlAttr, type HtmlTag } from './html-tags.ts';

const JSX_ATTR_NAME = /^[A-Za-z_$][\w$-]*(?::[A-Za-z_$][\w$-]*)?$/;

/** An open tag as JSX, with the element name to close it with. */
export interface JsxTag {
  name: string;
  open: string;
  /** False for void and self-closed tags, which take no close tag. */
  opens: boolean;
}

/**
 * A reveal.js directive as Podium reads it (src/lib/slides/comment-directive.ts), e.g.
 * `{/* .slide: id="intro" data-transition="zoom" *\/}`; a bare name for an attribute without a value.
 */
export function directiveComment(kind: 'element' | 'slide', attrs: Iterable<readonly [string, string | undefined]>): string {
  const list = [...attrs].map(([name, value]) => (value === undefined ? name : `${name}=${directiveValue(value)}`));
  return `{/* .${kind}: ${list.join(' ').replaceAll('*/', '*\\/')} */}`;
}

/** A value quoted as the deck's attribute list reads it: in single quotes when it holds a double one. */
function directiveValue(value: string): string {
  if (value.includes('"') && !value.includes("'")) return `'${value}'`;
  return `"${value.replaceAll('"', '&quot;')}"`;
}

/** An HTML tag name as a JSX one: lower case first, so MDX never reads it as a component. */
function jsxName(name: string): string {
  return name === name.toUpperCase() ? name.toLowerCase() : name.charAt(0).toLowerCase() + name.slice(1);
}

/** Attributes as JSX: every value quoted, names JSX cannot hold dropped and passed to `dropped`. */
function jsxAttrs(attrs: readonly HtmlAttr[], dropped: (name: string) => void): string {
  const seen = new Set<string>();
  let out = '';
  for (const { name, value } of attrs) {
    if (!JSX_ATTR_NAME.test(name)) {
      dropped(name);
      continue;
    }
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out += ` ${name}${value === undefined ? '' : `=${jsxValue(value)}`}`;
  }
  return out;
}

function jsxValue(value: string): string {
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return `{${JSON.stringify(value)}}`;
}

/** The JSX form of an open tag; void elements and `<x/>` are self-closed. */
function jsxOpenTag(tag: HtmlTag, dropped: (name: string) => void, name = jsxName(tag.name)): string {
  const selfClose = tag.selfClosing || VOID_ELEMENTS.has(tag.name.toLowerCase());
  return `<${name}${jsxAttrs(tag.attrs, dropped)}${selfClose ? ' />' : '>'}`;
}

/** Whether the tag opens an element that a later close tag must end. */
function opensElement(tag: HtmlTag): boolean {
  return !tag.closing && !tag.selfClosing && !VOID_ELEMENTS.has(tag.name.toLowerCase());
}

/** A tag as JSX; reveal.js speaker notes (`<aside class="notes">`) become `<Notes>`. */
export function jsxTagFor(tag: HtmlTag, dropped: (name: string) => void): JsxTag {
  const classes = tag.attrs.find((a) => a.name.toLowerCase() === 'class')?.value?.split(/\s+/) ?? [];
  if (tag.name.toLowerCase() === 'aside' && classes.includes('notes')) {
    return tag.selfClosing ? { name: 'Notes', open: '', opens: false } : { name: 'Notes', open: '<Notes>', opens: true };
  }
  const name = jsxName(tag.name);
  return { name, open: jsxOpenTag(tag, dropped, name), opens: opensElement(tag) };
}
