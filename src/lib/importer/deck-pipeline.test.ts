/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import committed from '../../../slides/eks-architecture-imported.mdx?raw';
import { renderDeck } from '../slides/testing/render-deck.ts';

// What the importer writes must pass the deck pipeline (remark-deck), not only compile as MDX:
// every .element comment placed, every <Frag> and code fence meta valid, separators read as slides.
const goldens: Record<string, string> = import.meta.glob('./fixtures/*.mdx', { query: '?raw', import: 'default', eager: true });

/** The body of a deck file; the frontmatter is Astro's, the pipeline sees the rest. */
const body = (mdx: string) => mdx.replace(/^---\n[\s\S]*?\n---\n/, (fm) => fm.replace(/[^\n]/g, ''));

describe('imported decks in the deck pipeline', () => {
  it.each(Object.entries(goldens))('%s renders without a deck mistake', async (_path, mdx) => {
    await expect(renderDeck(body(mdx))).resolves.toContain('<section');
  });

  it('the EKS deck presents its 11 slides, 21 fragments and its notes', async () => {
    const html = await renderDeck(body(committed), { notes: true });
    expect(html.match(/<section/g)).toHaveLength(11);
    expect(html.match(/class="fragment[ "]/g)).toHaveLength(21);
    expect(html.match(/<aside class="notes">/g)).toHaveLength(1);
    expect(html).toContain('<img src="https://d1.awsstatic.com/Getting%20Started/eks-project/EKS-demo-app.e7ce7b188f2662b8573b5881a6b843e09caf729a.png" height="400">');
  });
});
