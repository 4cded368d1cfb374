import { directiveComment } from './jsx-tags.ts';

/** Fixes for whole source lines whose start or end MDX would read differently from CommonMark. */

const ESM = /^(\s*)(import|export)(?=\s|$)/;
const HEADING_ATTRS = /^(\s{0,3}#{1,6}\s.*?)\s*\{\s*((?:[#.][\w-]+|[\w-]+=(?:"[^"]*"|[^\s}]+))(?:\s+(?:[#.][\w-]+|[\w-]+=(?:"[^"]*"|[^\s}]+)))*)\s*\}\s*$/;

/**
 * A line starting with `import` or `export` is JavaScript to MDX, so its first letter becomes a
 * character reference; a line of only dashes would split the slide or underline a heading, so it is escaped.
 */
export function lineStart(line: string, dropped: (meta: string) => void = () => {}): string {
  const itemFence = /^(\s*(?:[-*+]|\d{1,9}[.)])\s+(?:`{3,}|~{3,})[ \t]*[\w#+.-]*)[ \t]+(\S.*)$/.exec(line);
  if (itemFence) {
    dropped(itemFence[2] ?? '');
    return itemFence[1] ?? line;
  }
  if (/^\s*-+\s*$/.test(line)) return line.replace('-', '\\-');
  if (/^\s*(`{3,}|~{3,})/.test(line)) return line.replace(/[`~]/, '\\$&');
  return line.replace(ESM, (_, space: string, word: string) => `${space}&#${word.charCodeAt(0)};${word.slice(1)}`);
}

/**
 * A heading's Hugo attribute block (`## Title {#id .class}`) as a reveal.js `.element` comment;
 * `hold` keeps the comment away from the escaping that follows.
 */
export function headingAttributes(line: string, hold: (mdx: string) => string): string {
  const m = HEADING_ATTRS.exec(line);
  if (!m) return line;
  const classes: string[] = [];
  const attrs: [string, string][] = [];
  for (const part of (m[2] ?? '').match(/[#.][\w-]+|[\w-]+=(?:"[^"]*"|[^\s}]+)/g) ?? []) {
    if (part.startsWith('#')) attrs.unshift(['id', part.slice(1)]);
    else if (part.startsWith('.')) classes.push(part.slice(1));
    else {
      const [name = '', value = ''] = part.split(/=(.*)/s);
      attrs.push([name, value.replace(/^"|"$/g, '')]);
    }
  }
  if (classes.length > 0) attrs.push(['class', classes.join(' ')]);
  return `${m[1]} ${hold(directiveComment('element', attrs))}`;
}
