import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkFrontmatter, closest, extractFrontmatter, formatIssue, formatPath } from './frontmatter.ts';
import { deckSchema } from '../../schemas/deck.ts';

const good = `---
title: Building blocks
description: Pods, deployments and services.
duration: 40
---

# Hello
`;

describe('checkFrontmatter', () => {
  it('accepts a valid deck', () => {
    expect(checkFrontmatter(good, deckSchema)).toEqual([]);
  });

  it('places a wrong type on its line and says what to write', () => {
    const source = good.replace('duration: 40', 'duration: forty minutes');
    const [issue] = checkFrontmatter(source, deckSchema);
    expect(issue).toMatchObject({ line: 4, column: 11, field: 'duration' });
    expect(issue?.message).toContain('Expected number');
    expect(issue?.hint).toContain('duration: 45');
  });

  it('names an unknown field and suggests the known one', () => {
    const source = good.replace('duration: 40', 'duration: 40\ndurtion: 5');
    const [issue] = checkFrontmatter(source, deckSchema);
    expect(issue).toMatchObject({ line: 5, column: 1, field: 'durtion', message: 'unknown field "durtion"' });
    expect(issue?.hint).toMatch(/did you mean `duration`/);
  });

  it('reports a missing required field', () => {
    const source = good.replace('description: Pods, deployments and services.\n', '');
    const issues = checkFrontmatter(source, deckSchema);
    expect(issues.map((i) => i.message)).toEqual(['missing required field "description"']);
  });

  it('reports invalid YAML with its line', () => {
    const source = good.replace('duration: 40', 'duration: [40');
    const [issue] = checkFrontmatter(source, deckSchema);
    expect(issue?.message).toMatch(/^invalid YAML/);
    expect(issue?.line).toBeGreaterThanOrEqual(4);
  });

  it('rejects a file without frontmatter', () => {
    const [issue] = checkFrontmatter('# just a slide\n', deckSchema);
    expect(issue?.message).toBe('the file has no frontmatter');
    expect(issue?.hint).toContain('title: …');
  });
});

describe('helpers', () => {
  it('extracts the frontmatter text', () => {
    expect(extractFrontmatter(good)?.text).toContain('title: Building blocks');
    expect(extractFrontmatter('# none')).toBeUndefined();
  });
  it('finds a close name only when it is close', () => {
    expect(closest('titel', ['title', 'description'])).toBe('title');
    expect(closest('speaker', ['title', 'duration'])).toBeUndefined();
  });
  it('formats file:line:col', () => {
    expect(formatIssue('slides/a.mdx', { line: 3, column: 2, message: 'm', hint: 'h' })).toBe('slides/a.mdx:3:2: m\n    h');
  });
});

describe('nested fields', () => {
  const schema = z.object({ items: z.array(z.object({ name: z.string().describe('The name.'), size: z.number() }).strict()) }).strict();
  const source = '---\nitems:\n  - name: a\n    size: 1\n  - name: b\n    sise: 2\n  - name: 3\n    size: 3\n---\n';

  it('places a mistake in a list item on its line, with the item\'s fields', () => {
    const issues = checkFrontmatter(source, schema);
    expect(issues).toContainEqual(
      expect.objectContaining({ line: 6, column: 5, field: 'items[1].sise', message: 'items[1]: unknown field "sise"', hint: 'did you mean `size`? Known fields: name, size' }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ line: 7, column: 11, field: 'items[2].name', hint: 'items[2].name: The name.' }));
    expect(issues).toContainEqual(expect.objectContaining({ line: 5, column: 5, message: 'missing required field "items[1].size"' }));
  });

  it('formats paths as an author writes them', () => {
    expect(formatPath(['checks', 0, 'object', 'where', 2, 'path'])).toBe('checks[0].object.where[2].path');
  });
});
