/// <reference types="vite/client" />
import { compile } from '@mdx-js/mdx';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deckSchema } from '../../schemas/deck.ts';
import source from '../../../tests/fixtures/reveal-hugo/eks-architecture.md?raw';
import committed from '../../../slides/eks-architecture-imported.mdx?raw';
import { formatReport, importDeck, type DeckOverrides } from './index.ts';

/**
 * slides/eks-architecture-imported.mdx is the real reveal-hugo deck in tests/fixtures, imported with
 *   npx podium import tests/fixtures/reveal-hugo/eks-architecture.md -o slides/eks-architecture-imported.mdx \
 *     --title "EKS architecture (imported)" --order 90 --description "<the description below>"
 * This test keeps the two from drifting: change the importer, then run the command again.
 */
const overrides: DeckOverrides = {
  title: 'EKS architecture (imported)',
  description: 'How kubectl reaches an Amazon EKS cluster: the kubeconfig, aws-iam-authenticator and the aws-auth config map.',
  order: 90,
};

describe('the EKS architecture reveal-hugo deck', () => {
  const result = importDeck(source, { fileName: 'eks-architecture.md', overrides });
  const mdx = result.mdx;
  const slides = mdx.replace(/^---\n[\s\S]*?\n---\n/, '').trim().split(/\n\n---\n\n/);

  it('imports into exactly the committed slides file', () => {
    expect(mdx).toBe(committed);
  });

  it('reports what it left out, with its line', () => {
    expect(formatReport('eks-architecture.md', result.report)).toBe(
      'eks-architecture.md:12: not converted: text "### How does kubectl work" outside the template (reveal.js shows only the template); left out\n',
    );
  });

  it('has frontmatter the deck schema accepts', () => {
    const fm = deckSchema.parse(parse(/^---\n([\s\S]*?)\n---\n/.exec(mdx)?.[1] ?? ''));
    expect(fm).toMatchObject({ title: 'EKS architecture (imported)', order: 90, duration: 22 });
  });

  it('compiles as MDX', async () => {
    await expect(compile(mdx.replace(/^---\n[\s\S]*?\n---\n/, ''))).resolves.toBeDefined();
  });

  it('keeps every fragment: 3 in the data-markdown slide, then 6, 9 and 3 from {{% fragment %}}', () => {
    const fragments = slides.map((s) => (s.match(/\{\/\* \.element: class="fragment[^"]*"/g) ?? []).length);
    expect(fragments.slice(0, 6)).toEqual([0, 3, 6, 9, 3, 0]);
    expect(mdx).not.toContain('{{%');
  });

  it('keeps the data-markdown fragments in their data-fragment-index order', () => {
    const indexes = [...(slides[1] ?? '').matchAll(/data-fragment-index="(\d+)"/g)].map((m) => m[1]);
    expect(indexes).toEqual(['1', '2', '3']);
    expect(slides[1]).toContain('fade-in-then-semi-out');
  });

  it('turns the note into <Notes>', () => {
    expect(slides[3]).toMatch(/<Notes>\n\nhttps:\/\/github\.com\/jamiehannaford\/what-happens-when-k8s\n[\s\S]*<\/Notes>$/);
  });

  it('writes the data-noprocess image as JSX', () => {
    expect(slides[0]).toMatch(/^\n?<h2>EKS Architecture<\/h2>\n<img src="[^"]+EKS-demo-app[^"]+\.png" height="400" \/>/);
  });

  it('leaves code as written, braces and all', () => {
    for (const text of ['certificate-authority-data: {REDACTED}', 'username: system:node:{{EC2PrivateDNSName}}', '{YOUR_USER_ARN_HERE}', '--name {cluster-name}']) {
      expect(mdx).toContain(text);
    }
    expect(mdx).toContain('\n```\n$ curl -k http://CLUSTER_ENDPOINT/api/v1\n```');
  });
});
