import { parseAttributeList, type Attribute } from '../slides/attribute-list.ts';
import { directiveComment } from './jsx-tags.ts';
import { acceptedElementAttrs } from './fragments.ts';
import type { Report } from './report.ts';
import { acceptedSlideAttrs, leftOutSlideAttrs } from './slide-attrs.ts';

/**
 * An HTML comment as an MDX comment. reveal.js's `.element` and `.slide:` comments keep their meaning, checked the
 * way the deck checks them: what the deck would reject is reported with the comment's line and left out of the
 * directive (left-out slide attributes stay in a comment next to it); a directive that cannot be read at all
 * becomes a plain comment.
 */
export function commentToMdx(text: string, line: number, report: Report): string {
  const element = /^\s*\.element\b:?\s*([\s\S]*?)\s*$/.exec(text);
  if (element) return elementDirective(element[1] ?? '', line, report);
  const slide = /^\s*\.slide:\s*([\s\S]*?)\s*$/.exec(text);
  if (slide) return slideDirective(slide[1] ?? '', line, report);
  const safe = text.replaceAll('*/', '*\\/');
  // Podium reads `{/* .word: … */}` and `{/* element: … */}` as (mistyped) directives; a plain comment must not look like one.
  const looksLikeDirective = /^\s*(?:\.[A-Za-z-]+|element|slide)\s*:/.test(safe);
  return looksLikeDirective ? plainComment(text) : `{/*${safe}*/}`;
}

function elementDirective(body: string, line: number, report: Report): string {
  const attributes = readDirective('element', body, line, report);
  if (!attributes) return plainComment(`.element: ${body}`);
  const { attrs, lost } = acceptedElementAttrs(attributes.map((a) => [a.name, a.value] as const));
  for (const { what, why } of lost) report.notConverted(line, `.element comment: ${what}: ${why}; left out`);
  if (attrs.length > 0) return directiveComment('element', attrs.map(([name, value]) => [name, bare(value)] as const));
  report.notConverted(line, '.element comment with nothing left to apply; kept as a plain comment');
  return plainComment(`.element: ${body}`);
}

function slideDirective(body: string, line: number, report: Report): string {
  const attributes = readDirective('slide', body, line, report);
  if (!attributes) return plainComment(`.slide: ${body}`);
  const { kept, leftOut } = acceptedSlideAttrs(attributes.map((a) => [a.name, bare(a.value)] as const), line, report);
  const parts = [kept.length > 0 ? directiveComment('slide', kept) : '', leftOut.length > 0 ? leftOutSlideAttrs(leftOut) : ''];
  return parts.filter(Boolean).join(' ');
}

/** The attributes of a directive, or undefined (reported) when there are none or they cannot be read. */
function readDirective(kind: 'element' | 'slide', body: string, line: number, report: Report): Attribute[] | undefined {
  const parsed = parseAttributeList(body);
  const problem = !parsed.ok ? `cannot be read (${parsed.error})` : parsed.attributes.length === 0 ? 'has no attributes' : undefined;
  if (!problem && parsed.ok) return parsed.attributes;
  report.notConverted(line, `.${kind} comment ${problem}; kept as a plain comment`);
  return undefined;
}

/** An empty value is written as a bare name (`data-auto-animate`), which the deck reads the same. */
function bare(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/** A comment Podium does not read as a directive. */
function plainComment(text: string): string {
  return `{/* HTML comment: ${text.trim().replaceAll('*/', '*\\/')} */}`;
}
