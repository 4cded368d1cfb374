import type { Nodes, RootContent } from 'mdast';

/** Removes a comment node from its siblings; a space the author left before a trailing comment goes too. */
export function removeNode(siblings: Array<Nodes | RootContent>, node: Nodes): void {
  const index = siblings.indexOf(node);
  if (index < 0) return;
  siblings.splice(index, 1);
  const before = siblings[index - 1];
  if (before?.type === 'text' && index === siblings.length) before.value = before.value.trimEnd();
}
