import type { Heading, Nodes, Paragraph, Root } from 'mdast';
import { plainText } from './plain-text.ts';
import { visit } from 'unist-util-visit';
import type { DeckIssues } from './issues.ts';

/** The author's text of a node (separators are recognised by what was written, before smartypants). */
function sourceOf(node: Nodes, text: string): string | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : text.slice(start, end);
}

/** A line holding only `---` (a thematic break made of dashes): the next slide. `***` and `___` stay rules. */
export function isSlideBreak(node: Nodes, text: string): boolean {
  if (node.type !== 'thematicBreak') return false;
  const written = sourceOf(node, text);
  return written === undefined || /^-{3,}\s*$/.test(written.trim());
}

/** A paragraph holding only `--`: the next slide below, in the same vertical stack. */
export function isStackBreak(node: Nodes, text: string): node is Paragraph {
  if (node.type !== 'paragraph') return false;
  const written = sourceOf(node, text);
  if (written !== undefined) return written.trim() === '--';
  const plain = plainText(node).trim();
  return plain === '--' || plain === '\u2013';
}

function setextUnderline(node: Heading, text: string): string | undefined {
  const lines = sourceOf(node, text)?.split(/\r?\n/) ?? [];
  const last = lines.at(-1)?.trim();
  return lines.length > 1 && last && /^-+$/.test(last) ? last : undefined;
}

/**
 * Separators that markdown read differently than the author meant: `---` or `--` right under a line of text
 * make that line a heading (setext), and `--` next to text joins the paragraph.
 */
export function checkSeparators(tree: Root, text: string, issues: DeckIssues): void {
  visit(tree, (node) => {
    if (node.type === 'heading') {
      const underline = setextUnderline(node, text);
      if (!underline) return;
      const what = underline.length >= 3 ? 'start the next slide' : 'start a slide below';
      issues.report(
        node,
        `"${underline}" right under "${plainText(node)}" turns that line into a heading. ` +
          `Put a blank line before "${underline}" to ${what}, or write "## ${plainText(node)}" for a heading.`,
      );
    } else if (node.type === 'paragraph' && !isStackBreak(node, text)) {
      const lines = sourceOf(node, text)?.split(/\r?\n/) ?? [];
      if (lines.some((line) => line.trim() === '--')) {
        issues.report(node, 'a line "--" touches other text. Put a blank line before and after "--" to start a slide below.');
      }
    }
  });
}
