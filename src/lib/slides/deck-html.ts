import type { BlockContent, Parent, PhrasingContent, RootContent } from 'mdast';
import type { Properties } from 'hast';
import type { Position } from 'unist';
import type {} from 'mdast-util-mdx-jsx';
import type {} from 'mdast-util-mdx-expression';

/**
 * A plain HTML element in the mdast tree (a reveal.js `<section>`, a fragment `<div>`/`<span>`, a wrapper).
 * mdast-util-to-hast turns any unknown node into an element named by `data.hName`, so this needs no handler
 * and no component at run time.
 */
export interface DeckHtml extends Parent {
  type: 'deckHtml';
  data: { hName: string; hProperties: Properties };
  children: RootContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    deckHtml: DeckHtml;
  }
  interface BlockContentMap {
    deckHtml: DeckHtml;
  }
  interface PhrasingContentMap {
    deckHtml: DeckHtml;
  }
}

export function deckHtml(
  tagName: string,
  properties: Properties,
  children: RootContent[] | BlockContent[] | PhrasingContent[],
  position?: Position,
): DeckHtml {
  const node: DeckHtml = { type: 'deckHtml', data: { hName: tagName, hProperties: properties }, children };
  if (position) node.position = position;
  return node;
}

export function isDeckHtml(node: { type: string }, tagName?: string): node is DeckHtml {
  return node.type === 'deckHtml' && (tagName === undefined || (node as DeckHtml).data.hName === tagName);
}
