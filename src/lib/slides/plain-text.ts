import type { Nodes } from 'mdast';

/** The text a reader sees in a node (for messages that quote the author). */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'mdxFlowExpression' && node.type !== 'mdxTextExpression') {
    return node.value;
  }
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}
