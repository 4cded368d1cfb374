import { codeToHtml } from 'shiki';
import { describe, expect, it } from 'vitest';
import { codeStepRules, lineClasses, MAX_CODE_STEPS } from './code-steps.ts';
import { parseCodeMeta } from './code-meta.ts';
import { codeSteps } from './shiki-code-steps.ts';

const YAML = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aws-auth';

/** Highlights like Astro does: dual themes, no default colour, the fence meta as `meta.__raw`. */
function highlight(meta?: string): Promise<string> {
  return codeToHtml(YAML, {
    lang: 'yaml',
    themes: { dark: 'github-dark-high-contrast', light: 'github-light-high-contrast' },
    defaultColor: false,
    ...(meta === undefined ? {} : { meta: { __raw: meta } }),
    transformers: [codeSteps()],
  });
}

const lines = (html: string) => [...html.matchAll(/<span class="(line[^"]*)"/g)].map((m) => m[1]);

describe('codeSteps transformer', () => {
  it('leaves a fence without meta as shiki made it', async () => {
    const html = await highlight();
    expect(html).not.toMatch(/has-line-numbers|code-step|figure/);
    expect(lines(html)).toEqual(['line', 'line', 'line', 'line']);
  });

  it('marks the lines of each step and adds one fragment marker per step after the first', async () => {
    const html = await highlight('{1|3-4|all}');
    expect(html).toMatch(/<pre class="shiki shiki-themes [^"]* has-line-numbers code-steps"/);
    expect(lines(html)).toEqual([
      'line step-lit-0 step-dim-1',
      'line step-dim-0 step-dim-1',
      'line step-dim-0 step-lit-1',
      'line step-dim-0 step-lit-1',
    ]);
    expect(html).toContain(
      '</code><span class="fragment code-step code-step-1" aria-hidden="true"></span><span class="fragment code-step code-step-2" aria-hidden="true"></span></pre>',
    );
  });

  it('highlights statically with one group, and numbers lines from ln=', async () => {
    const html = await highlight('{11-12} ln=10');
    expect(html).toMatch(/class="[^"]*has-line-numbers has-highlights"/);
    expect(html).toContain('<code style="counter-reset: code-line 9">');
    expect(lines(html)).toEqual(['line', 'line hl', 'line hl', 'line']);
    expect(html).not.toContain('fragment');
  });

  it('puts a title above the code in a figure', async () => {
    const html = await highlight('title="~/.kube/config" ln');
    expect(html).toMatch(/^<figure class="code-block"><figcaption class="code-title">~\/.kube\/config<\/figcaption><pre class="[^"]*has-line-numbers"/);
    expect(html).toMatch(/<\/pre><\/figure>$/);
  });

  it('ignores meta it cannot read (the remark plugin reports it with a line)', async () => {
    expect(await highlight('{1|x} whatever')).not.toContain('code-step');
  });
});

describe('code step CSS', () => {
  it('lights a step only between its marker and the next', () => {
    const css = codeStepRules(3);
    expect(css).toContain('.code-steps:not(:has(.code-step-1.visible)) .step-dim-0');
    expect(css).toContain('.code-steps:has(.code-step-2.visible):not(:has(.code-step-3.visible)) .step-lit-2');
    expect(css).not.toContain('step-dim-3');
  });

  it('covers every step a block may have', () => {
    expect(codeStepRules()).toContain(`.step-dim-${MAX_CODE_STEPS - 1}`);
  });

  it('marks nothing for a step of all', () => {
    const { meta } = parseCodeMeta('{2|all}');
    expect(lineClasses(meta, 2)).toEqual(['step-lit-0']);
    expect(lineClasses(meta, 1)).toEqual(['step-dim-0']);
  });
});
