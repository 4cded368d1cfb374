import { describe, expect, it } from 'vitest';
import { deckItems, formatDuration, labItems, totalDuration } from './catalogue.ts';

const base = { description: 'd', tags: [], duration: 30 };

describe('catalogue', () => {
  it('orders decks by order then title and hides drafts', () => {
    const items = deckItems([
      { ...base, slug: 'b', title: 'B', order: 2 },
      { ...base, slug: 'a2', title: 'Z', order: 1 },
      { ...base, slug: 'a1', title: 'A', order: 1 },
      { ...base, slug: 'x', title: 'X', order: 0, draft: true },
    ]);
    expect(items.map((i) => i.slug)).toEqual(['a1', 'a2', 'b']);
    expect(items[0]).toMatchObject({ kind: 'deck', href: '/slides/a1/', links: [{ label: 'Present', href: '/present/a1/' }] });
  });

  it('links labs to their pages', () => {
    expect(labItems([{ ...base, slug: 'l', title: 'L', order: 1 }])[0]?.href).toBe('/labs/l/');
  });

  it('formats durations', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(60)).toBe('1 h');
    expect(formatDuration(95)).toBe('1 h 35 min');
    expect(totalDuration(deckItems([{ ...base, slug: 'a', title: 'A', order: 1 }, { ...base, slug: 'b', title: 'B', order: 2 }]))).toBe('1 h');
  });
});
