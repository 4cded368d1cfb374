import { describe, expect, it } from 'vitest';
import { isDeckFile } from './deck-file.ts';

describe('isDeckFile', () => {
  it('is true for MDX files directly in the decks folder', () => {
    expect(isDeckFile('/p/slides/kubectl-eks.mdx', '/p/slides')).toBe(true);
    expect(isDeckFile('/p/slides/_check.mdx', '/p/slides/')).toBe(true);
    expect(isDeckFile('C:\\p\\slides\\a.mdx', 'C:\\p\\slides')).toBe(true);
  });

  it('is false for labs, nested files, other extensions and look-alike folders', () => {
    expect(isDeckFile('/p/labs/intro/index.mdx', '/p/slides')).toBe(false);
    expect(isDeckFile('/p/slides/old/a.mdx', '/p/slides')).toBe(false);
    expect(isDeckFile('/p/slides/a.md', '/p/slides')).toBe(false);
    expect(isDeckFile('/p/slides-old/a.mdx', '/p/slides')).toBe(false);
    expect(isDeckFile(undefined, '/p/slides')).toBe(false);
  });
});
