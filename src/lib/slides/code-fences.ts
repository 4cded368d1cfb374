import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { checkCodeMeta } from './code-steps.ts';
import type { DeckIssues } from './issues.ts';

/** Reports malformed fence meta with the fence's line (the shiki transformer cannot: it sees no file). */
export function checkCodeFences(tree: Root, issues: DeckIssues): void {
  visit(tree, 'code', (node) => {
    if (!node.meta) return;
    const { problems } = checkCodeMeta(node.meta, node.value.split(/\r?\n/).length);
    for (const problem of problems) issues.report(node, `code fence: ${problem}`);
  });
}
