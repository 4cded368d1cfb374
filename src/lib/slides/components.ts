import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { DeckIssues } from './issues.ts';
import { isJsx, type JsxElement } from './jsx.ts';
import { didYouMean } from '../suggest.ts';

/** Components every deck page provides; authors use them without importing. */
export const DECK_COMPONENTS = ['Slide', 'Stack', 'Frag', 'Notes'] as const;

interface EstreeNode {
  type: string;
  specifiers?: Array<{ local: { name: string } }>;
  declaration?: { type: string; id?: { name?: string }; declarations?: Array<{ id: { name?: string } }> } | null;
}

/** Names a deck brings in itself with `import X from '…'` or `export const X = …`. */
function declaredNames(tree: Root): Set<string> {
  const names = new Set<string>();
  for (const node of tree.children) {
    const body = (node as { data?: { estree?: { body?: EstreeNode[] } } }).data?.estree?.body ?? [];
    for (const statement of body) {
      for (const specifier of statement.specifiers ?? []) names.add(specifier.local.name);
      const declaration = statement.declaration;
      if (declaration?.id?.name) names.add(declaration.id.name);
      for (const d of declaration?.declarations ?? []) if (d.id.name) names.add(d.id.name);
    }
  }
  return names;
}

function problemOf(element: JsxElement, known: readonly string[], declared: Set<string>): string | undefined {
  const name = element.name;
  if (!name || name.includes('.') || !/^[A-Z]/.test(name)) return undefined;
  if (name === 'Slide' || name === 'Stack') {
    return `<${name}> must sit at the top level of the deck${name === 'Slide' ? ' or directly inside a <Stack>' : ''}, not inside another element.`;
  }
  if (name === 'Notes') {
    return element.attributes.length > 0 ? '<Notes> takes no attributes: write <Notes> … </Notes>.' : undefined;
  }
  if (known.includes(name) || declared.has(name)) return undefined;
  return `unknown component <${name}>.${didYouMean(name, known)} Decks provide ${known.join(', ')}; import any other component at the top of the file.`;
}

/**
 * After sectioning, what is left must be renderable: `<Slide>`/`<Stack>` only where they were consumed, and
 * components the deck page provides or the deck imports.
 */
export function checkComponents(tree: Root, issues: DeckIssues, provided: readonly string[] = DECK_COMPONENTS): void {
  const declared = declaredNames(tree);
  visit(tree, (node) => {
    if (!isJsx(node)) return;
    const problem = problemOf(node, provided, declared);
    if (problem) issues.report(node, problem);
  });
}
