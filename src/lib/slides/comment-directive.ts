import { parseAttributeList, type Attribute } from './attribute-list.ts';
import { didYouMean } from '../suggest.ts';

/**
 * reveal.js markdown writes `<!-- .element: class="fragment" -->` and `<!-- .slide: data-… -->`;
 * MDX has no HTML comments, so a deck writes the same inside an expression comment:
 * `{/* .element: class="fragment" *\/}`.
 */
export type CommentDirective =
  | { kind: 'element' | 'slide'; attributes: Attribute[] }
  | { kind: 'invalid'; message: string };

const KINDS = ['element', 'slide'] as const;
const EXAMPLE = {
  element: '{/* .element: class="fragment fade-up" data-fragment-index="2" */}',
  slide: '{/* .slide: data-background-color="#102030" data-transition="fade" */}',
} as const;

/** True when an MDX expression holds only comments (and so renders nothing). */
export function isCommentOnly(expression: string): boolean {
  return (
    expression
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/[^\n]*/g, '')
      .trim() === ''
  );
}

/** The directive in an MDX expression such as `/* .slide: data-transition="fade" *\/`, or null for anything else. */
export function parseCommentDirective(expression: string): CommentDirective | null {
  const comment = /^\s*\/\*([\s\S]*)\*\/\s*$/.exec(expression)?.[1];
  if (comment === undefined) return null;
  const body = comment.trim();
  const head = /^(\.?)([A-Za-z-]+)\s*:/.exec(body);
  if (!head) return null;
  const [whole, dot, word] = head as unknown as [string, string, string];
  const kind = KINDS.find((k) => k === word);
  if (!kind) {
    if (!dot) return null;
    return {
      kind: 'invalid',
      message: `"{/* .${word}: */}" is not a directive: write .element: or .slide:.${didYouMean(word, KINDS)}`,
    };
  }
  if (!dot) {
    return { kind: 'invalid', message: `write "{/* .${kind}: … */}" with a dot before "${kind}:".` };
  }
  const parsed = parseAttributeList(body.slice(whole.length));
  if (!parsed.ok) {
    return {
      kind: 'invalid',
      message: `cannot read the .${kind}: comment (${parsed.error}). Write it like ${EXAMPLE[kind]}.`,
    };
  }
  if (parsed.attributes.length === 0) {
    return { kind: 'invalid', message: `the .${kind}: comment has no attributes. Write it like ${EXAMPLE[kind]}.` };
  }
  return { kind, attributes: parsed.attributes };
}
