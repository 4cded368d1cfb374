import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkDecks } from './validate-content.ts';

let root: string | undefined;
afterEach(() => root && rmSync(root, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  root = mkdtempSync(path.join(tmpdir(), 'podium-content-'));
  mkdirSync(path.join(root, 'slides'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, 'slides', name), text);
  return root;
}

describe('checkDecks', () => {
  it('names file, line and field of a bad frontmatter field', () => {
    const dir = project({
      'ok.mdx': '---\ntitle: A\ndescription: B\nduration: 5\n---\n# A\n',
      'bad.mdx': '---\ntitle: A\ndescription: B\nduration: 5\ntheme: neon\n---\n# A\n',
    });
    const [problem, ...rest] = checkDecks(dir);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^slides\/bad\.mdx:5:8: theme: Invalid enum value\. Expected 'dark' \| 'light', received 'neon'/);
    expect(problem).toContain('`dark` for dim rooms');
  });

  it('is silent when there is no slides folder', () => {
    root = mkdtempSync(path.join(tmpdir(), 'podium-content-'));
    expect(checkDecks(root)).toEqual([]);
  });
});
