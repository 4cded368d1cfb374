import { describe, expect, it } from 'vitest';
import { parseAttributeList } from './attribute-list.ts';
import { isCommentOnly, parseCommentDirective } from './comment-directive.ts';

describe('parseAttributeList', () => {
  it('reads quoted, single-quoted, unquoted and bare attributes', () => {
    expect(parseAttributeList(` class="fragment fade-up" data-x='1' id=two hidden `)).toEqual({
      ok: true,
      attributes: [
        { name: 'class', value: 'fragment fade-up' },
        { name: 'data-x', value: '1' },
        { name: 'id', value: 'two' },
        { name: 'hidden', value: '' },
      ],
    });
  });

  it('says what is malformed', () => {
    expect(parseAttributeList('class="a')).toEqual({ ok: false, error: 'the value of class has no closing "' });
    expect(parseAttributeList('class=')).toEqual({ ok: false, error: 'class= has no value' });
    expect(parseAttributeList('class="a"id="b"')).toMatchObject({ ok: false, error: expect.stringContaining('put a space') });
    expect(parseAttributeList('"a"')).toMatchObject({ ok: false, error: expect.stringContaining('expected an attribute name') });
  });
});

describe('parseCommentDirective', () => {
  it('reads .element: and .slide: comments', () => {
    expect(parseCommentDirective('/* .element: class="fragment" */')).toEqual({
      kind: 'element',
      attributes: [{ name: 'class', value: 'fragment' }],
    });
    expect(parseCommentDirective(' /*.slide:data-state="x"*/ ')).toEqual({ kind: 'slide', attributes: [{ name: 'data-state', value: 'x' }] });
  });

  it('ignores ordinary comments and expressions', () => {
    expect(parseCommentDirective('/* TODO: tighten */')).toBeNull();
    expect(parseCommentDirective('1 + 1')).toBeNull();
    expect(parseCommentDirective('/* just words */')).toBeNull();
  });

  it('flags near misses', () => {
    expect(parseCommentDirective('/* .slides: id="x" */')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('Did you mean "slide"?') });
    expect(parseCommentDirective('/* slide: id="x" */')).toMatchObject({ kind: 'invalid' });
    expect(parseCommentDirective('/* .element: */')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('no attributes') });
  });

  it('knows comment-only expressions', () => {
    expect(isCommentOnly(' /* a */ // b\n')).toBe(true);
    expect(isCommentOnly('/* a */ x')).toBe(false);
  });
});
