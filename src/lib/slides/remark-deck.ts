import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { checkCodeFences } from './code-fences.ts';
import { checkComponents, DECK_COMPONENTS } from './components.ts';
import { isDeckFile } from './deck-file.ts';
import { applyElementComments } from './element-comments.ts';
import { lowerFrags } from './frag.ts';
import { DeckIssues, failOnIssues } from './issues.ts';
import { buildSections } from './sections.ts';
import { checkSeparators } from './separators.ts';
import { unravelJsxParagraphs } from './unravel.ts';

export interface RemarkDeckOptions {
  /** Absolute path of the decks folder; default `<cwd>/slides`. Only `<slidesDir>/*.mdx` is transformed. */
  slidesDir?: string;
  /** Components deck pages provide (default Slide, Stack, Frag, Notes); any other must be imported. */
  components?: readonly string[];
}

/**
 * Turns a deck's MDX into reveal.js markup: `---`/`--`/`<Slide>`/`<Stack>` into `<section>`s, `<Frag>` and
 * `{/* .element: … *\/}` into fragments, `{/* .slide: … *\/}` into slide attributes. `<Notes>` stays a component
 * so each page decides whether notes are rendered. Every author mistake found stops the build with its line.
 */
export function remarkDeck(options: RemarkDeckOptions = {}) {
  return (tree: Root, file: VFile): void => {
    const slidesDir = options.slidesDir ?? `${file.cwd}/slides`;
    if (!isDeckFile(file.path, slidesDir)) return;
    const text = String(file.value);
    const issues = new DeckIssues();
    unravelJsxParagraphs(tree);
    checkSeparators(tree, text, issues);
    checkCodeFences(tree, issues);
    lowerFrags(tree, issues);
    applyElementComments(tree, text, issues);
    buildSections(tree, text, issues);
    checkComponents(tree, issues, options.components ?? DECK_COMPONENTS);
    failOnIssues(file, issues);
  };
}
