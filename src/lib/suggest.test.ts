import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from './suggest.ts';

describe('closest', () => {
  it('finds a near miss, ignoring case', () => {
    expect(closest('titel', ['title', 'description'])).toBe('title');
    expect(closest('fade-upp', ['fade-in', 'fade-up'])).toBe('fade-up');
    expect(closest('BackgroundColour', ['backgroundColor'])).toBe('backgroundColor');
  });

  it('allows two edits, or one in three for longer names', () => {
    expect(closest('ab', ['abcd'])).toBe('abcd');
    expect(closest('ab', ['abcde'])).toBeUndefined();
    expect(closest('highlite-currnt-red', ['highlight-current-red'])).toBe('highlight-current-red');
  });

  it('names nothing that is not close, and takes the first of equally close names', () => {
    expect(closest('speaker', ['title', 'duration'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
    expect(closest('ab', ['ac', 'ad'])).toBe('ac');
  });
});

describe('didYouMean', () => {
  it('is a sentence to append, or nothing', () => {
    expect(didYouMean('elemnt', ['element', 'slide'])).toBe(' Did you mean "element"?');
    expect(didYouMean('zzz', ['element'])).toBe('');
  });
});
