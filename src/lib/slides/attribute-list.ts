/** One `name="value"` pair written in a comment directive; a bare `name` has the value `''`. */
export interface Attribute {
  name: string;
  value: string;
}

export type AttributeListResult = { ok: true; attributes: Attribute[] } | { ok: false; error: string };

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const UNQUOTED = /^[^\s"'=<>`]+/;

/**
 * Parses an HTML-like attribute list: `class="fragment fade-up" data-fragment-index="2" hidden`,
 * the syntax of reveal.js's `<!-- .element: … -->` comments.
 */
export function parseAttributeList(source: string): AttributeListResult {
  const attributes: Attribute[] = [];
  let rest = source.trim();
  while (rest.length > 0) {
    const name = NAME.exec(rest)?.[0];
    if (!name) return { ok: false, error: `expected an attribute name at "${rest.slice(0, 20)}"` };
    rest = rest.slice(name.length);
    if (!rest.startsWith('=')) {
      attributes.push({ name, value: '' });
      rest = rest.trimStart();
      continue;
    }
    rest = rest.slice(1);
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      const end = rest.indexOf(quote, 1);
      if (end < 0) return { ok: false, error: `the value of ${name} has no closing ${quote}` };
      attributes.push({ name, value: rest.slice(1, end) });
      rest = rest.slice(end + 1);
    } else {
      const value = UNQUOTED.exec(rest)?.[0];
      if (!value) return { ok: false, error: `${name}= has no value` };
      attributes.push({ name, value });
      rest = rest.slice(value.length);
    }
    if (rest.length > 0 && !/^\s/.test(rest)) {
      return { ok: false, error: `put a space between attributes, before "${rest.slice(0, 20)}"` };
    }
    rest = rest.trimStart();
  }
  return { ok: true, attributes };
}
