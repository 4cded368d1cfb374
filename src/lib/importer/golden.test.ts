/// <reference types="vite/client" />
import { compile } from '@mdx-js/mdx';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deckSchema } from '../../schemas/deck.ts';
import { formatReport, importDeck } from './index.ts';

// Golden files: fixtures/<name>.md is imported into fixtures/<name>.mdx with fixtures/<name>.report.txt.
const inputs: Record<string, string> = import.meta.glob('./fixtures/*.md', { query: '?raw', import: 'default', eager: true });
const outputs: Record<string, string> = import.meta.glob('./fixtures/*.mdx', { query: '?raw', import: 'default', eager: true });
const reports: Record<string, string> = import.meta.glob('./fixtures/*.report.txt', { query: '?raw', import: 'default', eager: true });

const cases = Object.keys(inputs).map((path) => {
  const name = path.replace(/^\.\/fixtures\/|\.md$/g, '');
  return { name, path };
});

/** The MDX body: the frontmatter blanked out (Astro reads it; plain MDX would read it as markdown). */
function withoutFrontmatter(mdx: string): string {
  return mdx.replace(/^---\n[\s\S]*?\n---\n/, (fm) => fm.replace(/[^\n]/g, ''));
}

/** The YAML between the first two `---` lines. */
function frontmatterOf(mdx: string): unknown {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(mdx);
  return m ? parse(m[1] ?? '') : undefined;
}

describe('podium import golden files', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(cases)('$name', ({ name, path }) => {
    const result = importDeck(inputs[path] ?? '', { fileName: `${name}.md` });

    it('converts to the expected MDX', () => {
      expect(result.mdx).toBe(outputs[`./fixtures/${name}.mdx`]);
    });

    it('reports what it could not convert, with line numbers', () => {
      expect(formatReport(`${name}.md`, result.report)).toBe(reports[`./fixtures/${name}.report.txt`]);
    });

    it('compiles as MDX', async () => {
      await expect(compile(withoutFrontmatter(result.mdx))).resolves.toBeDefined();
    });

    it('has frontmatter the deck schema accepts', () => {
      expect(() => deckSchema.parse(frontmatterOf(result.mdx))).not.toThrow();
    });
  });
});
