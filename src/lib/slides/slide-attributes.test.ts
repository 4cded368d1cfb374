import { describe, expect, it } from 'vitest';
import { checkSlideComment, checkSlideCommentAttribute, slideAttributeName } from './slide-attributes.ts';

describe('checkSlideCommentAttribute', () => {
  it('takes id, class, style and data-*, in any case, under their lower-case names', () => {
    expect(slideAttributeName('DATA-Background')).toBe('data-background');
    for (const name of ['id', 'class', 'style', 'data-state', 'ID', 'Class', 'DATA-BACKGROUND-COLOR']) {
      expect(checkSlideCommentAttribute({ name, value: 'x' })).toEqual({ ok: true, value: { name: name.toLowerCase(), value: 'x' } });
    }
  });

  it('names what a .slide: comment cannot hold, and what to write instead', () => {
    expect(checkSlideCommentAttribute({ name: 'onclick', value: 'x()' })).toEqual({
      ok: false,
      message: 'a .slide: comment takes id, class, style and data-* attributes, not "onclick".',
    });
    expect(checkSlideCommentAttribute({ name: 'background', value: '#000' })).toMatchObject({ ok: false, message: expect.stringContaining('Write data-background="…".') });
    expect(checkSlideCommentAttribute({ name: 'data-', value: '' }).ok).toBe(false);
    expect(checkSlideCommentAttribute({ name: 'data-a b', value: '' }).ok).toBe(false);
  });

  it('checks values under the normal name, quoting the name as written', () => {
    expect(checkSlideCommentAttribute({ name: 'DATA-TRANSITION', value: 'spin' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^DATA-TRANSITION="spin" is not a transition/),
    });
    expect(checkSlideCommentAttribute({ name: 'Data-Transition', value: 'zoom-in fade-out' }).ok).toBe(true);
    expect(checkSlideCommentAttribute({ name: 'ID', value: 'a b' }).ok).toBe(false);
  });
});

describe('checkSlideComment', () => {
  it('keeps what may go, normalised, and lists every problem', () => {
    const problems: string[] = [];
    const kept = checkSlideComment(
      [
        { name: 'ID', value: 'a' },
        { name: 'onclick', value: 'x' },
        { name: 'data-transition', value: 'spin' },
      ],
      problems,
    );
    expect(kept).toEqual([{ name: 'id', value: 'a' }]);
    expect(problems).toHaveLength(2);
  });
});
