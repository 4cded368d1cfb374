import { describe, expect, it } from 'vitest';
import { convertProse, type FlowTags } from './prose.ts';
import { Report } from './report.ts';

const prose = (text: string, flow?: FlowTags) => {
  const report = new Report();
  const lines = text.split('\n').map((src, i) => ({ line: i + 1, segs: [{ src }] }));
  return { mdx: convertProse(lines, { report, ...(flow ? { flow } : {}) }), report: report.list() };
};

describe('convertProse', () => {
  it('escapes what MDX would read as code: braces and stray <', () => {
    expect(prose('a {b} < c, x<y').mdx).toBe('a \\{b\\} \\< c, x\\<y');
  });

  it('leaves code spans and backslash escapes as written', () => {
    expect(prose('`{x} <y>` and \\{').mdx).toBe('`{x} <y>` and \\{');
  });

  it('writes HTML comments, .element and .slide comments as MDX comments', () => {
    expect(prose('a <!-- note --> b').mdx).toBe('a {/* note */} b');
    expect(prose('- x <!-- .element class="fragment" -->').mdx).toBe('- x {/* .element: class="fragment" */}');
    expect(prose('<!-- .slide: data-background="#fff" -->').mdx).toBe('{/* .slide: data-background="#fff" */}');
    expect(prose('<!-- .notes: x -->').mdx).toBe('{/* HTML comment: .notes: x */}');
  });

  it('turns autolinks into links', () => {
    expect(prose('<https://a.b/c_d> <ops@x.io>').mdx).toBe('[https://a.b/c\\_d](https://a.b/c_d) [ops@x.io](mailto:ops@x.io)');
  });

  it('self-closes void tags and quotes attributes', () => {
    expect(prose('a<br>b <img src=x.png alt="A"> <input checked>').mdx).toBe('a<br />b <img src="x.png" alt="A" /> <input checked />');
  });

  it('keeps an unpaired tag as text and reports it', () => {
    const { mdx, report } = prose('an <em>open tag');
    expect(mdx).toBe('an \\<em>open tag');
    expect(report).toMatchObject([{ line: 1, kind: 'not-converted' }]);
  });

  it('hands a tag alone on its line to the enclosing blocks', () => {
    const opened: string[] = [];
    const flow: FlowTags = { open: (tag) => opened.push(tag.name), close: () => undefined };
    expect(prose('text\n<div class="x">', flow).mdx).toBe('text\n\n<div class="x">');
    expect(opened).toEqual(['div']);
  });

  it('makes lines MDX would read as JavaScript or as separators plain text', () => {
    expect(prose('import this\nexport that\n--').mdx).toBe('&#105;mport this\n&#101;xport that\n\\--');
  });

  it('writes a heading attribute block as an .element comment', () => {
    expect(prose('## Title {#intro .big}').mdx).toBe('## Title {/* .element: id="intro" class="big" */}');
  });
});
