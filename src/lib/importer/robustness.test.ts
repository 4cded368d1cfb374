import { compile } from '@mdx-js/mdx';
import { describe, expect, it } from 'vitest';
import { importDeck } from './index.ts';

// Random decks built from the constructs the importer knows, and from broken ones: whatever the input,
// the output must compile as MDX and the import must not throw.
const ATOMS = [
  '---', '--', '***', '{{% section %}}', '{{% /section %}}', '{{% fragment %}}', '{{% /fragment %}}', '{{% note %}}',
  '{{% /note %}}', '{{< frag c="x" >}}', '{{< slide id="a" >}}', '{{< foo bar >}}', '{{< /foo >}}', '<div>', '</div>',
  '<span>', '</span>', '<br>', '<img src=x>', '<!-- c -->', '<!-- .element: class="fragment" -->', '{', '}', '<', '`x {y}`',
  '```', '```js [1|2]', '~~~', '    indented {x}', '- item', '1. item', '# H', 'text', 'import x', '<https://a.b>',
  '<section data-markdown><script>## T\nnote: n\n</script></section>', '<section data-noprocess><p>x<br></section>',
  '<pre>{x}</pre>', '<script>x</script>', '<aside class="notes">', '</aside>', '{{</* x */>}}', '<ul><li>a<li>b</ul>',
  '<x-y a=b>', '</x-y>', '{{< highlight go >}}', '{{< /highlight >}}', 'Note: n', '## T {#i .c}', 'Text\n---', '<!--', '-->',
];

function randomDeck(seed: number): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const parts: string[] = [];
  for (let n = 3 + Math.floor(next() * 25); n > 0; n--) {
    parts.push(ATOMS[Math.floor(next() * ATOMS.length)] ?? '', next() < 0.5 ? '\n' : next() < 0.5 ? '\n\n' : ' ');
  }
  return (next() < 0.5 ? '+++\ntitle = "t"\n+++\n' : '') + parts.join('');
}

describe('importing any input', () => {
  it('always yields MDX that compiles', async () => {
    for (let seed = 1; seed <= 150; seed++) {
      const input = randomDeck(seed);
      const { mdx } = importDeck(input, { fileName: 'random.md' });
      const body = mdx.replace(/^---\n[\s\S]*?\n---\n/, '');
      await compile(body).catch((err: Error) => {
        throw new Error(`seed ${seed}: ${err.message}\n--- input\n${input}\n--- output\n${mdx}`);
      });
    }
    expect(true).toBe(true);
  });
});
