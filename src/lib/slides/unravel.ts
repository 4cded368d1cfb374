import type { Root, RootContent } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';

/**
 * MDX treats a paragraph holding only JSX tags and expressions (`<Frag>a</Frag>` alone on its line) as
 * blocks; it does so after the remark plugins run, so the deck plugin does the same first to see the
 * structure MDX will render.
 */
export function unravelJsxParagraphs(tree: Root): void {
  visit(tree, 'paragraph', (node, index, parent) => {
    if (!parent || index === undefined) return;
    let jsx = false;
    for (const child of node.children) {
      if (child.type === 'mdxJsxTextElement' || child.type === 'mdxTextExpression') jsx = true;
      else if (!(child.type === 'text' && child.value.trim() === '')) return;
    }
    if (!jsx) return;
    const blocks: RootContent[] = [];
    for (const child of node.children) {
      if (child.type === 'mdxJsxTextElement') blocks.push({ ...child, type: 'mdxJsxFlowElement' } as RootContent);
      else if (child.type === 'mdxTextExpression') blocks.push({ ...child, type: 'mdxFlowExpression' });
    }
    (parent.children as RootContent[]).splice(index, 1, ...blocks);
    return [SKIP, index];
  });
}
