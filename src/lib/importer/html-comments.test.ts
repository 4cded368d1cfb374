import { describe, expect, it } from 'vitest';
import { renderDeck } from '../slides/testing/render-deck.ts';
import { acceptedElementAttrs } from './fragments.ts';
import { commentToMdx } from './html-comments.ts';
import { Report } from './report.ts';

const convert = (text: string) => {
  const report = new Report();
  return { mdx: commentToMdx(text, 7, report), report: report.list().map((i) => `${i.line}: ${i.message}`) };
};

describe('HTML comments', () => {
  it('keeps plain comments, and makes ones that look like a directive plain', () => {
    expect(convert(' note ')).toEqual({ mdx: '{/* note */}', report: [] });
    expect(convert(' .notes: x ').mdx).toBe('{/* HTML comment: .notes: x */}');
  });

  it('writes .slide: attribute names in lower case, as HTML reads them', () => {
    expect(convert(' .slide: ID="x" DATA-BACKGROUND="#000" data-auto-animate ')).toEqual({
      mdx: '{/* .slide: id="x" data-background="#000" data-auto-animate */}',
      report: [],
    });
  });

  it('keeps what a .slide: comment cannot hold in a comment next to it, and reports it with its line', () => {
    const { mdx, report } = convert(' .slide: id="x" onclick="go()" DATA-TRANSITION="spin" ');
    expect(mdx).toBe('{/* .slide: id="x" */} {/* podium import: not converted: slide attributes onclick="go()" DATA-TRANSITION="spin" */}');
    expect(report).toEqual([
      expect.stringMatching(/^7: slide attribute onclick="go\(\)": a \.slide: comment takes id, class, style and data-\* attributes, not "onclick"; kept in a comment/),
      expect.stringMatching(/^7: slide attribute DATA-TRANSITION="spin": DATA-TRANSITION="spin" is not a transition/),
    ]);
    expect(convert(' .slide: onclick="go()" ').mdx).toBe('{/* podium import: not converted: slide attribute onclick="go()" */}');
  });

  it('leaves out a misspelt fragment effect of a .element comment, and reports it with its line', () => {
    expect(convert(' .element: class="fragment fade-upp r-fit-text" ')).toEqual({
      mdx: '{/* .element: class="fragment r-fit-text" */}',
      report: ['7: .element comment: class "fade-upp": unknown fragment effect (did you mean "fade-up"?); left out'],
    });
    expect(convert(' .element: CLASS="fragment" DATA-FRAGMENT-INDEX="two" ')).toEqual({
      mdx: '{/* .element: class="fragment" */}',
      report: ['7: .element comment: index "two": not a whole number; left out'],
    });
  });

  it('makes a directive plain when nothing of it is left, or it cannot be read', () => {
    expect(convert(' .element: class="fade-upp" ').mdx).toBe('{/* HTML comment: .element: class="fade-upp" */}');
    expect(convert(' .element: class="fragment ')).toEqual({
      mdx: '{/* HTML comment: .element: class="fragment */}',
      report: ['7: .element comment cannot be read (the value of class has no closing "); kept as a plain comment'],
    });
    expect(convert(' .slide: ').report).toEqual(['7: .slide comment has no attributes; kept as a plain comment']);
  });

  it('quotes a value holding a double quote so the deck reads it back', () => {
    expect(convert(` .slide: data-x='say "hi"' `).mdx).toBe(`{/* .slide: data-x='say "hi"' */}`);
  });

  it('writes comments the deck pipeline accepts', async () => {
    const mdx = ['# A', '', `- a ${convert(' .element: CLASS="fragment fade-upp" ').mdx}`, '', convert(' .slide: ID="s" onclick="x" ').mdx, ''].join('\n');
    expect(await renderDeck(mdx)).toBe('<section id="s"><h1>A</h1><ul><li class="fragment">a</li></ul></section>');
  });
});

describe('acceptedElementAttrs', () => {
  it('keeps other attributes and classes as written, names in lower case', () => {
    expect(acceptedElementAttrs([['Class', 'fragment grow mine'], ['Style', 'color: red']])).toEqual({
      attrs: [['class', 'fragment grow mine'], ['style', 'color: red']],
      lost: [],
    });
  });
});
