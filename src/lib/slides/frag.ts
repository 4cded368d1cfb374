import type { Root, RootContent } from 'mdast';
import type { Properties } from 'hast';
import { visit } from 'unist-util-visit';
import { deckHtml } from './deck-html.ts';
import { checkEffects, checkFragmentIndex } from './fragment-effects.ts';
import type { DeckIssues } from './issues.ts';
import { isJsx, readJsxAttributes, type JsxElement } from './jsx.ts';
import { didYouMean } from '../suggest.ts';

const FRAG_ATTRIBUTES = ['effect', 'index', 'as'] as const;

/** The reveal.js fragment markup of one `<Frag>`, or the mistakes that prevent it. */
function fragProperties(element: JsxElement): { tagName: string; properties: Properties; problems: string[] } {
  const { values, problems } = readJsxAttributes(element);
  const inline = element.type === 'mdxJsxTextElement';
  const classes = ['fragment'];
  const properties: Properties = { className: classes };
  let tagName = inline ? 'span' : 'div';
  for (const [name, value] of values) {
    if (name === 'effect') {
      const effects = checkEffects(String(value));
      if (effects.ok) classes.push(...effects.value);
      else problems.push(effects.message);
    } else if (name === 'index') {
      const index = checkFragmentIndex(String(value), `<Frag index>`);
      if (index.ok) properties.dataFragmentIndex = String(index.value);
      else problems.push(index.message);
    } else if (name === 'as') {
      if (value !== 'div' && value !== 'span') problems.push(`<Frag as="${value}"> is not supported: write as="div" or as="span".`);
      else if (inline && value === 'div') {
        problems.push('<Frag as="div"> sits inside a line of text, where a block cannot go: write as="span", or put the <Frag> on lines of its own.');
      } else tagName = value;
    } else {
      problems.push(`<Frag> has no attribute "${name}".${didYouMean(name, FRAG_ATTRIBUTES)} It takes effect, index and as.`);
    }
  }
  return { tagName, properties, problems };
}

/** Replaces every `<Frag>` with plain HTML (`<div class="fragment grow" data-fragment-index="3">`). */
export function lowerFrags(tree: Root, issues: DeckIssues): void {
  visit(tree, (node, index, parent) => {
    if (!isJsx(node, 'Frag') || !parent || index === undefined) return undefined;
    const { tagName, properties, problems } = fragProperties(node);
    for (const problem of problems) issues.report(node, problem);
    (parent.children as RootContent[])[index] = deckHtml(tagName, properties, node.children, node.position);
    return index;
  });
}
