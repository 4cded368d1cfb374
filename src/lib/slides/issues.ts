import type { Node } from 'unist';
import type { VFile } from 'vfile';

/** One author mistake: where it is and a message that says what to write instead. */
export interface DeckIssue {
  line?: number;
  column?: number;
  message: string;
  node?: Node;
}

/** Collects every mistake in a deck, so one build names all of them rather than the first only. */
export class DeckIssues {
  readonly list: DeckIssue[] = [];

  report(node: Node | undefined, message: string): void {
    const start = node?.position?.start;
    this.list.push({ line: start?.line, column: start?.column, message, node });
  }

  get size(): number {
    return this.list.length;
  }
}

/** `slides/x.mdx:12:3: message`, the format the frontmatter checker uses too. */
export function formatIssue(path: string, issue: DeckIssue): string {
  const place = issue.line === undefined ? path : `${path}:${issue.line}:${issue.column ?? 1}`;
  return `${place}: ${issue.message}`;
}

export function relativePath(file: VFile): string {
  const path = (file.path ?? 'deck.mdx').replaceAll('\\', '/');
  const cwd = `${file.cwd.replaceAll('\\', '/').replace(/\/$/, '')}/`;
  return path.startsWith(cwd) ? path.slice(cwd.length) : path;
}

/** Stops the build with every issue listed; the vfile message carries the first one's position. */
export function failOnIssues(file: VFile, issues: DeckIssues): void {
  const first = issues.list[0];
  if (!first) return;
  const path = relativePath(file);
  const lines = issues.list.map((issue) => formatIssue(path, issue));
  const heading = issues.size === 1 ? 'A mistake in a deck' : `${issues.size} mistakes in a deck`;
  file.fail(`${heading}:\n${lines.join('\n')}`, { place: first.node?.position, source: 'podium-deck' });
}
