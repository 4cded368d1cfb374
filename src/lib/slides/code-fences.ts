import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { checkLineNumbers, parseCodeMeta } from './code-meta.ts';
import { MAX_CODE_STEPS, stepsOf } from './code-steps.ts';
import type { DeckIssues } from './issues.ts';

/** Reports malformed fence meta with the fence's line (the shiki transformer cannot: it sees no file). */
export function checkCodeFences(tree: Root, issues: DeckIssues): void {
  visit(tree, 'code', (node) => {
    if (!node.meta) return;
    const { meta, problems } = parseCodeMeta(node.meta);
    const lineCount = node.value.split(/\r?\n/).length;
    problems.push(...checkLineNumbers(meta, lineCount));
    if (stepsOf(meta).length > MAX_CODE_STEPS) {
      problems.push(`a code block may have at most ${MAX_CODE_STEPS} highlight steps; split it over two slides.`);
    }
    for (const problem of problems) issues.report(node, `code fence: ${problem}`);
  });
}
