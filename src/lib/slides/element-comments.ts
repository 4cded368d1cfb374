import type { List, ListItem, Nodes, Parent, Root, RootContent } from 'mdast';
import type { Properties } from 'hast';
import type { MdxFlowExpression, MdxTextExpression } from 'mdast-util-mdx-expression';
import { visitParents } from 'unist-util-visit-parents';
import type { Attribute } from './attribute-list.ts';
import { parseCommentDirective, isCommentOnly, type CommentDirective } from './comment-directive.ts';
import { deckHtml, isDeckHtml } from './deck-html.ts';
import { checkFragmentClasses, checkFragmentIndex } from './fragment-effects.ts';
import type { DeckIssues } from './issues.ts';
import { isJsx } from './jsx.ts';
import { classesOf, setAttributes } from './properties.ts';
import { removeNode } from './remove-node.ts';
import { isSlideBreak, isStackBreak } from './separators.ts';

type Expression = MdxFlowExpression | MdxTextExpression;
interface Found {
  node: Expression;
  ancestors: Parent[];
  directive: Exclude<CommentDirective, { kind: 'slide' }>;
}

const INLINE_TEXT = new Set(['text', 'break']);

/** A tight list renders its items without `<p>`, so a comment at the end of an item's text means the `<li>`. */
function promoteToItem(node: Nodes, ancestors: readonly Parent[]): Nodes {
  const item = ancestors.at(-1);
  const list = ancestors.at(-2);
  if (node.type !== 'paragraph' || item?.type !== 'listItem' || list?.type !== 'list') return node;
  const loose = (list as List).spread || (list as List).children.some((li: ListItem) => li.spread);
  return loose ? node : (item as ListItem);
}

function previousBlock(parent: Parent, index: number): RootContent | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const sibling = parent.children[i] as RootContent;
    if (sibling.type === 'mdxFlowExpression' && isCommentOnly(sibling.value)) continue;
    return sibling;
  }
  return undefined;
}

/** The element a `.element:` comment applies to, following reveal.js markdown's placement rules. */
function targetOf(found: Found, text: string): Nodes | string {
  const { node, ancestors } = found;
  const parent = ancestors.at(-1)!;
  const index = parent.children.indexOf(node as never);
  if (node.type === 'mdxTextExpression') {
    const previous = parent.children[index - 1] as Nodes | undefined;
    if (previous && !INLINE_TEXT.has(previous.type)) return previous;
    return promoteToItem(parent as Nodes, ancestors.slice(0, -1));
  }
  const previous = previousBlock(parent, index);
  if (!previous || isSlideBreak(previous, text) || isStackBreak(previous, text)) {
    return 'a .element: comment on its own line applies to the block just above it, and there is none in this slide. Move it right after the paragraph, list item, code block or <Frag> it is for.';
  }
  return promoteToItem(previous, ancestors);
}

function checkAttributes(attributes: readonly Attribute[]): string | undefined {
  const classes = checkFragmentClasses(classesOf(attributes));
  if (!classes.ok) return classes.message;
  const index = attributes.find((a) => a.name === 'data-fragment-index');
  if (index) {
    const checked = checkFragmentIndex(index.value, 'data-fragment-index');
    if (!checked.ok) return checked.message;
  }
  return undefined;
}

function propertiesOf(node: Nodes): Properties {
  const data = (node.data ??= {}) as { hProperties?: Properties };
  return (data.hProperties ??= {});
}

/** Puts the attributes on the target, wrapping nodes whose HTML is produced elsewhere (code, components). */
function apply(target: Nodes, attributes: readonly Attribute[], parent: Parent): string | undefined {
  if (isDeckHtml(target)) {
    setAttributes(target.data.hProperties, attributes);
    return undefined;
  }
  if (isJsx(target)) {
    const name = target.name ?? '';
    if (['Slide', 'Stack', 'Notes'].includes(name)) {
      return `a .element: comment cannot apply to <${name}>; ${name === 'Notes' ? 'notes are not shown to the audience' : 'use a {/* .slide: … */} comment inside the slide for slide attributes'}.`;
    }
  }
  const wrap = target.type === 'code' || target.type === 'mdxFlowExpression' || target.type === 'mdxTextExpression' || isJsx(target);
  if (!wrap) {
    setAttributes(propertiesOf(target), attributes);
    return undefined;
  }
  const inline = target.type === 'mdxTextExpression' || target.type === 'mdxJsxTextElement';
  const properties: Properties = {};
  setAttributes(properties, attributes);
  const wrapper = deckHtml(inline ? 'span' : 'div', properties, [target as RootContent], target.position);
  const siblings = parent.children as RootContent[];
  siblings[siblings.indexOf(target as RootContent)] = wrapper;
  return undefined;
}

function parentOfTarget(target: Nodes, found: Found): Parent {
  const parent = found.ancestors.at(-1)!;
  return parent.children.includes(target as never) ? parent : (found.ancestors.at(-2) ?? parent);
}

/** Applies every `{/* .element: … *\/}` comment and removes it; reports malformed or unknown directives. */
export function applyElementComments(tree: Root, text: string, issues: DeckIssues): void {
  const found: Found[] = [];
  visitParents(tree, (node, ancestors) => {
    if (node.type !== 'mdxFlowExpression' && node.type !== 'mdxTextExpression') return;
    const directive = parseCommentDirective(node.value);
    if (directive && directive.kind !== 'slide') found.push({ node, ancestors: ancestors as Parent[], directive });
  });
  for (const item of found) {
    const { directive } = item;
    if (directive.kind === 'invalid') issues.report(item.node, directive.message);
    else {
      const problem = checkAttributes(directive.attributes);
      const target = problem ?? targetOf(item, text);
      if (typeof target === 'string') issues.report(item.node, target);
      else {
        const failed = apply(target, directive.attributes, parentOfTarget(target, item));
        if (failed) issues.report(item.node, failed);
      }
    }
    removeNode(item.ancestors.at(-1)!.children as Nodes[], item.node);
  }
}

