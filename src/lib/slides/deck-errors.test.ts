import { describe, expect, it } from 'vitest';
import { deckError } from './testing/render-deck.ts';

/** Each mistake stops the build naming file:line:column and what to write instead. */
const cases: Array<[string, string, string[]]> = [
  ['unknown <Frag> effect', '# A\n\n<Frag effect="fade-upp">x</Frag>\n', ['slides/test.mdx:3:1:', 'unknown fragment effect "fade-upp"', 'Did you mean "fade-up"?']],
  ['unknown <Frag> attribute', '<Frag idx={2}>x</Frag>\n', ['test.mdx:1:1:', '<Frag> has no attribute "idx"', 'Did you mean "index"?']],
  ['<Frag> index not a number', '<Frag index="two">x</Frag>\n', ['<Frag index> must be a whole number']],
  ['<Frag as="div"> inside text', 'Say <Frag as="div">x</Frag> now\n', ['write as="span"']],
  ['malformed .element: comment', '- a {/* .element: class="fragment */}\n', ['test.mdx:1:5:', 'cannot read the .element: comment', 'has no closing "', 'Write it like {/* .element: class="fragment fade-up"']],
  ['misspelt directive', 'a {/* .elemnt: class="fragment" */}\n', ['"{/* .elemnt: */}" is not a directive', 'Did you mean "element"?']],
  ['directive without its dot', 'a {/* element: class="fragment" */}\n', ['with a dot before "element:"']],
  ['misspelt effect in .element:', 'a {/* .element: class="fragment grwo" */}\n', ['unknown fragment effect "grwo"', 'Did you mean "grow"?']],
  ['bad data-fragment-index', 'a {/* .element: class="fragment" data-fragment-index="x" */}\n', ['data-fragment-index must be a whole number']],
  ['.element: line with nothing above', '# A\n\n---\n\n{/* .element: class="fragment" */}\n', ['test.mdx:5:1:', 'applies to the block just above it']],
  ['unknown <Slide> attribute', '<Slide backgroundColour="#000">\n\nx\n\n</Slide>\n', ['test.mdx:1:1:', '<Slide> has no attribute "backgroundColour"', 'Did you mean "backgroundColor"?']],
  ['bad <Slide> transition', '<Slide transition="spin">\n\nx\n\n</Slide>\n', ['is not a transition: use none, fade, slide, convex, concave or zoom']],
  ['non-literal <Slide> attribute', '<Slide background={colour}>\n\nx\n\n</Slide>\n', ['must be a plain value']],
  ['.slide: transition in another case', '{/* .slide: Data-Transition="spin" */}\n\n# A\n', ['Data-Transition="spin" is not a transition']],
  ['bad .slide: attribute', '{/* .slide: background="#000" */}\n\n# A\n', ['a .slide: comment takes id, class, style and data-*', 'Write data-background="…"']],
  ['--- right under a line (setext)', '# A\n\nSome line\n---\n\n# B\n', ['test.mdx:3:1:', '"---" right under "Some line" turns that line into a heading', 'Put a blank line before "---" to start the next slide']],
  ['-- right under a line (setext)', '# A\n\nSome line\n--\n\n# B\n', ['"--" right under "Some line"', 'to start a slide below']],
  ['-- with text right after it', '# A\n\n--\nB\n', ['a line "--" touches other text']],
  ['--- inside <Slide>', '<Slide>\n\n# A\n\n---\n\n# B\n\n</Slide>\n', ['test.mdx:5:1:', 'inside <Slide> does nothing: close the slide with </Slide> first']],
  ['<Slide> inside a list', '- <Slide>x</Slide>\n', ['<Slide> must sit at the top level of the deck']],
  ['<Stack> inside <Stack>', '<Stack>\n\n<Stack>\n\n# A\n\n</Stack>\n\n</Stack>\n', ['<Stack> cannot sit inside another <Stack>']],
  ['unknown component', '<Fragg>x</Fragg>\n', ['unknown component <Fragg>', 'Did you mean "Frag"?', 'import any other component']],
  ['<Notes> with attributes', '<Notes when="now">\n\nx\n\n</Notes>\n', ['<Notes> takes no attributes']],
  ['bad code steps', '```yaml {1|x}\na: 1\n```\n', ['test.mdx:1:1:', 'code fence: "x" in {…} is not a line, a range or "all"']],
  ['code step past the end', '```yaml {1|4}\na: 1\n```\n', ['code fence: line 4 is not in this code block, whose lines are numbered 1–1']],
  ['unknown fence meta', '```yaml {1} linenos\na: 1\n```\n', ['unknown "linenos" after the language', 'write e.g. {1|3-4|all}']],
];

describe('deck mistakes', () => {
  it.each(cases)('%s', async (_name, source, expected) => {
    const message = await deckError(source);
    for (const part of expected) expect(message).toContain(part);
  });

  it('lists every mistake of a deck at once', async () => {
    const message = await deckError('<Frag effect="nope">a</Frag>\n\n---\n\n<Slide colour="red">\n\nb\n\n</Slide>\n');
    expect(message).toMatch(/^2 mistakes in a deck:\n/);
    expect(message).toContain('slides/test.mdx:1:1: unknown fragment effect "nope"');
    expect(message).toContain('slides/test.mdx:5:1: <Slide> has no attribute "colour"');
  });

  it('accepts a correct deck', async () => {
    expect(await deckError('# A\n\n<Frag effect="grow">x</Frag>\n\n---\n\n```yaml {3|all} ln=3\na: 1\n```\n')).toBe('');
  });
});
