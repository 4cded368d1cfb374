import { describe, expect, it } from 'vitest';
import { REVEAL_DEFAULTS, REVEAL_FILE_DEFAULTS, dedentTemplate, splitReveal } from './reveal-markdown.ts';
import { Report } from './report.ts';

const split = (text: string, seps = REVEAL_FILE_DEFAULTS) => splitReveal(text, 10, seps, new Report());

describe('reveal.js markdown', () => {
  it('splits slides and stacks, with their first lines', () => {
    const stacks = split('# A\n---\n# B\n--\n# C');
    expect(stacks.map((s) => s.map((p) => [p.text.trim(), p.line]))).toEqual([[['# A', 10]], [['# B', 12], ['# C', 14]]]);
  });

  it('takes what follows notes: as speaker notes', () => {
    const slide = split('# A\nNote: say hi\nmore')[0]?.[0];
    expect(slide?.text.trim()).toBe('# A');
    expect(slide?.notes).toEqual({ text: 'say hi\nmore', line: 11 });
  });

  it('does not split inside code fences', () => {
    expect(split('```\n---\n```', REVEAL_DEFAULTS)).toHaveLength(1);
  });

  it('removes the indentation of the first line from every line', () => {
    expect(dedentTemplate('\n    ## A\n    - b\n      - c')).toBe('\n## A\n- b\n  - c');
  });
});
