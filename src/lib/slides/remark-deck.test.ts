import { describe, expect, it } from 'vitest';
import tour from './fixtures/tour.mdx?raw';
import { renderDeck } from './testing/render-deck.ts';

describe('remarkDeck: golden fixture', () => {
  it('renders the tour deck for the presenter', async () => {
    await expect(await renderDeck(tour, { notes: true })).toMatchFileSnapshot('./fixtures/tour.presenter.html');
  });

  it('renders the same deck without notes for the audience', async () => {
    const audience = await renderDeck(tour);
    const presenter = await renderDeck(tour, { notes: true });
    expect(presenter).toContain('<aside class="notes"><p>Notes for the <strong>title</strong>.</p></aside>');
    expect(audience).not.toContain('Notes for the');
    expect(audience).not.toContain('notes');
    expect(audience).toBe(presenter.replace(/<aside class="notes">.*?<\/aside>/g, ''));
  });
});

describe('remarkDeck: slides and stacks', () => {
  it('splits on --- and stacks on --', async () => {
    const html = await renderDeck('# A\n\n---\n\n## B\n\n--\n\n## C\n\n---\n\n## D\n');
    expect(html).toBe(
      '<section><h1>A</h1></section>' +
        '<section><section><h2>B</h2></section><section><h2>C</h2></section></section>' +
        '<section><h2>D</h2></section>',
    );
  });

  it('ignores empty slides from a leading, trailing or doubled ---', async () => {
    expect(await renderDeck('---\n\n# A\n\n---\n\n---\n\n# B\n\n---\n')).toBe('<section><h1>A</h1></section><section><h1>B</h1></section>');
  });

  it('keeps *** as a horizontal rule inside the slide', async () => {
    expect(await renderDeck('# A\n\n***\n\ntext\n')).toBe('<section><h1>A</h1><hr><p>text</p></section>');
  });

  it('makes <Slide> and <Stack> slides of their own, without --- around them', async () => {
    const html = await renderDeck('# A\n\n<Slide id="s">\n  ## B\n</Slide>\n\n<Stack>\n  <Slide>## C</Slide>\n  <Slide>## D</Slide>\n</Stack>\n\n## E\n');
    expect(html).toBe(
      '<section><h1>A</h1></section><section id="s"><h2>B</h2></section>' +
        '<section><section><h2>C</h2></section><section><h2>D</h2></section></section><section><h2>E</h2></section>',
    );
  });

  it('maps <Slide> attributes to reveal.js attributes', async () => {
    const html = await renderDeck(
      '<Slide id="x" background="#123" backgroundImage="a.png" backgroundSize="cover" backgroundColor="#000" ' +
        'transition="zoom-in fade-out" transitionSpeed="fast" autoAnimate className="big" visibility="hidden" data-state="alert">\n\ntext\n\n</Slide>\n',
    );
    expect(html).toBe(
      '<section id="x" data-background="#123" data-background-image="a.png" data-background-size="cover" ' +
        'data-background-color="#000" data-transition="zoom-in fade-out" data-transition-speed="fast" data-auto-animate="" ' +
        'class="big" data-visibility="hidden" data-state="alert"><p>text</p></section>',
    );
  });

  it('reads a one-line <Slide> as the heading or paragraph it holds', async () => {
    expect(await renderDeck('<Slide>### Three **bold**</Slide>\n\n<Slide>just text</Slide>\n')).toBe(
      '<section><h3>Three <strong>bold</strong></h3></section><section><p>just text</p></section>',
    );
  });

  it('treats --- and -- alike inside <Stack>', async () => {
    expect(await renderDeck('<Stack>\n\n## A\n\n---\n\n## B\n\n--\n\n## C\n\n</Stack>\n')).toBe(
      '<section><section><h2>A</h2></section><section><h2>B</h2></section><section><h2>C</h2></section></section>',
    );
  });

  it('applies .slide: comments to the slide they are in, anywhere in it', async () => {
    const html = await renderDeck('# A\n\ntext {/* .slide: data-transition="fade" class="x" */}\n\n---\n\n{/* .slide: id="two" */}\n\n# B\n');
    expect(html).toBe('<section data-transition="fade" class="x"><h1>A</h1><p>text</p></section><section id="two"><h1>B</h1></section>');
  });

  it('reads .slide: attribute names as HTML does, ignoring case', async () => {
    const html = await renderDeck('{/* .slide: ID="one" DATA-BACKGROUND-COLOR="#000" */}\n\n# A\n');
    expect(html).toBe('<section id="one" data-background-color="#000"><h1>A</h1></section>');
  });

  it('makes a slide of a .slide: comment alone (a background-only slide)', async () => {
    expect(await renderDeck('# A\n\n---\n\n{/* .slide: data-background-image="bg.png" */}\n')).toBe(
      '<section><h1>A</h1></section><section data-background-image="bg.png"></section>',
    );
  });
});

describe('remarkDeck: fragments', () => {
  it('renders <Frag> on its own line as a div and inside text as a span', async () => {
    const html = await renderDeck('<Frag>a</Frag>\n<Frag effect="fade-up" index={2}>b</Frag>\n\nSay <Frag effect="highlight-blue">c</Frag>.\n');
    expect(html).toBe(
      '<section><div class="fragment">a</div><div class="fragment fade-up" data-fragment-index="2">b</div>' +
        '<p>Say <span class="fragment highlight-blue">c</span>.</p></section>',
    );
  });

  it('renders a multi-line <Frag> around its blocks', async () => {
    expect(await renderDeck('<Frag effect="grow">\n\n- one\n- two\n\n</Frag>\n')).toBe(
      '<section><div class="fragment grow"><ul><li>one</li><li>two</li></ul></div></section>',
    );
  });

  it('applies .element: to the inline element right before it', async () => {
    expect(await renderDeck('Use **this**{/* .element: class="fragment" */} and [that](/x){/* .element: class="fragment" */}.\n')).toBe(
      '<section><p>Use <strong class="fragment">this</strong> and <a href="/x" class="fragment">that</a>.</p></section>',
    );
  });

  it('applies .element: after a space to the enclosing paragraph, or the item of a tight list', async () => {
    expect(await renderDeck('Text **b** {/* .element: class="fragment" */}\n')).toBe(
      '<section><p class="fragment">Text <strong>b</strong></p></section>',
    );
    expect(await renderDeck('- a {/* .element: class="fragment" data-fragment-index="1" */}\n- b\n')).toBe(
      '<section><ul><li class="fragment" data-fragment-index="1">a</li><li>b</li></ul></section>',
    );
    expect(await renderDeck('- a {/* .element: class="fragment" */}\n\n- b\n')).toBe(
      '<section><ul><li><p class="fragment">a</p></li><li><p>b</p></li></ul></section>',
    );
  });

  it('applies an .element: line to the block above it, wrapping code blocks', async () => {
    expect(await renderDeck('```sh\nls\n```\n{/* .element: class="fragment" */}\n')).toBe(
      '<section><div class="fragment"><pre><code class="language-sh">ls\n</code></pre></div></section>',
    );
    expect(await renderDeck('> quoted\n\n{/* .element: class="fragment" */}\n')).toBe(
      '<section><blockquote class="fragment"><p>quoted</p></blockquote></section>',
    );
  });

  it('leaves plain comments alone', async () => {
    expect(await renderDeck('# A {/* TODO: shorter */}\n\n{/* note: nothing */}\n')).toBe('<section><h1>A </h1></section>');
  });
});

describe('remarkDeck: scope', () => {
  it('leaves MDX outside the decks folder untouched (labs)', async () => {
    const lab = '# Lab\n\n---\n\nStep {/* .element: class="fragment" */}\n';
    expect(await renderDeck(lab, { path: '/podium/labs/intro/index.mdx' })).toBe('<h1>Lab</h1><hr><p>Step </p>');
  });

  it('only transforms files directly in the decks folder', async () => {
    expect(await renderDeck('# A\n', { path: '/podium/slides/nested/a.mdx' })).toBe('<h1>A</h1>');
  });
});
