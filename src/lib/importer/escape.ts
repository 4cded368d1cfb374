/** Small escaping helpers: text that must reach the audience exactly as written. */

/** Escapes what MDX would read as JSX or an expression: `{`, `}`, `<`. */
export function escapeMdx(text: string): string {
  return text.replace(/[{}<]/g, '\\$&');
}

/** Escapes every character markdown or MDX could give a meaning to (`import` at a line start too), for text that is not markdown. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]{}<>#|~&!]/g, '\\$&')
    .replace(/^(\s*)([-+=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
    .replace(/^(\s*)(i)(?=mport\b)|^(\s*)(e)(?=xport\b)/gm, (_, s1?: string, i?: string, s2?: string, x?: string) => `${s1 ?? s2 ?? ''}&#${(i ?? x ?? '').charCodeAt(0)};`);
}

/** Text as an inline code span, fenced by more backticks than it contains in a row. */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A visible marker for source kept as it was because it could not be converted. */
export function notConvertedMarker(source: string): string {
  return `⚠ not converted: ${inlineCode(source.replace(/\s*\n\s*/g, ' '))}`;
}

/**
 * Source kept out of the slide, in an MDX comment the author finds in the deck: on one line, or (`block`) on
 * lines of its own. A `*\/` in it is escaped, so the comment holds all of it.
 */
export function notConvertedComment(source: string, layout: 'inline' | 'block' = 'inline'): string {
  const safe = source.replaceAll('*/', '*\\/');
  return layout === 'block' ? `{/* podium import: not converted:\n${safe}\n*/}` : `{/* podium import: not converted: ${safe} */}`;
}

/** A URL as a markdown link destination: parentheses and spaces percent-encoded. */
export function linkDestination(url: string): string {
  return url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A string as a JSX expression holding it verbatim, e.g. the content of a `<pre>`. */
export function jsxString(text: string): string {
  return `{${JSON.stringify(text)}}`;
}
