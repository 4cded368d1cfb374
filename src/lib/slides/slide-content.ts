import type { Heading, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import type { Attribute } from './attribute-list.ts';
import { parseCommentDirective, isCommentOnly } from './comment-directive.ts';
import { isDeckHtml } from './deck-html.ts';
import type { DeckIssues } from './issues.ts';
import { removeNode } from './remove-node.ts';
import { checkSlideComment } from './slide-attributes.ts';

const PHRASING = new Set([
  'text', 'emphasis', 'strong', 'delete', 'inlineCode', 'break', 'link', 'linkReference', 'image',
  'imageReference', 'footnoteReference', 'mdxJsxTextElement', 'mdxTextExpression', 'html',
]);

function isPhrasing(node: RootContent): boolean {
  return PHRASING.has(node.type) || isDeckHtml(node, 'span');
}

/**
 * `<Slide>## Top</Slide>` on one line holds text, not blocks (MDX reads a one-line tag as inline): a leading
 * `#`…`######` makes that text the heading the author wrote, otherwise it is a paragraph.
 */
export function blocksOfOneLineSlide(children: RootContent[]): RootContent[] {
  if (children.length === 0 || !children.every(isPhrasing)) return children;
  const phrasing = children as PhrasingContent[];
  const first = phrasing[0];
  const marker = first?.type === 'text' ? /^(#{1,6})[ \t]+/.exec(first.value) : null;
  if (!marker || first?.type !== 'text') return [{ type: 'paragraph', children: phrasing } satisfies Paragraph];
  const rest = first.value.slice(marker[0].length);
  const content: PhrasingContent[] = [...(rest ? [{ ...first, value: rest }] : []), ...phrasing.slice(1)];
  const heading: Heading = { type: 'heading', depth: marker[1]!.length as Heading['depth'], children: content };
  return [heading];
}

/** True when a run of blocks renders nothing (only `{/* comments *\/}`), so it makes no slide. */
export function rendersNothing(nodes: readonly RootContent[]): boolean {
  return nodes.every((node) => node.type === 'mdxFlowExpression' && isCommentOnly(node.value) && !parseCommentDirective(node.value));
}

/** Removes the `{/* .slide: … *\/}` comments of one slide and returns their (checked) attributes. */
export function takeSlideComments(nodes: RootContent[], issues: DeckIssues): Attribute[] {
  const attributes: Attribute[] = [];
  const container = { type: 'root' as const, children: nodes };
  const found: Array<{ node: RootContent; siblings: RootContent[] }> = [];
  visitParents(container, (node, ancestors) => {
    if (node.type !== 'mdxFlowExpression' && node.type !== 'mdxTextExpression') return;
    const directive = parseCommentDirective(node.value);
    if (directive?.kind !== 'slide') return;
    const messages: string[] = [];
    attributes.push(...checkSlideComment(directive.attributes, messages));
    for (const message of messages) issues.report(node, message);
    found.push({ node, siblings: (ancestors.at(-1) as { children: RootContent[] }).children });
  });
  for (const { node, siblings } of found) removeNode(siblings, node);
  return attributes;
}
