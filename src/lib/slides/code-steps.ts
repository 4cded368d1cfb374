import { checkLineNumbers, parseCodeMeta, type CodeMeta, type LineGroup, type ParsedCodeMeta } from './code-meta.ts';

/** Most highlight steps one code block may have (the theme carries one CSS rule per step). */
export const MAX_CODE_STEPS = 16;

/** Highlight steps that advance like fragments: two or more groups (`{1|3-4}`); one group is static. */
export function stepsOf(meta: CodeMeta): readonly LineGroup[] {
  return meta.groups.length > 1 ? meta.groups : [];
}

/**
 * A fence's meta read for a block of `lineCount` lines, with every problem that stops a deck: malformed meta,
 * highlights of lines the block does not have, too many steps. The deck plugin and the importer share it.
 */
export function checkCodeMeta(raw: string | undefined, lineCount: number): ParsedCodeMeta {
  const { meta, problems } = parseCodeMeta(raw);
  problems.push(...checkLineNumbers(meta, lineCount));
  if (stepsOf(meta).length > MAX_CODE_STEPS) {
    problems.push(`a code block may have at most ${MAX_CODE_STEPS} highlight steps; split it over two slides.`);
  }
  return { meta, problems };
}

function lit(group: LineGroup, line: number): boolean {
  return group === 'all' || group.includes(line);
}

/**
 * Classes of one displayed line: `hl` for a static highlight; for steps, `step-lit-k`/`step-dim-k` for every
 * step k that highlights some lines (a step of `all` lights everything and marks nothing).
 */
export function lineClasses(meta: CodeMeta, line: number): string[] {
  const [only] = meta.groups;
  if (meta.groups.length === 1 && only !== undefined && only !== 'all') return only.includes(line) ? ['hl'] : [];
  return stepsOf(meta).flatMap((group, k) => (group === 'all' ? [] : [lit(group, line) ? `step-lit-${k}` : `step-dim-${k}`]));
}

/** Classes of the `<pre>`, which the theme's rules key on. */
export function preClasses(meta: CodeMeta): string[] {
  const classes: string[] = [];
  if (meta.lineNumbers) classes.push('has-line-numbers');
  if (meta.groups.length === 1 && meta.groups[0] !== 'all') classes.push('has-highlights');
  if (stepsOf(meta).length > 0) classes.push('code-steps');
  return classes;
}

/**
 * CSS that shows step k while marker k is visible and marker k+1 is not (step 0 before any marker). reveal.js
 * toggles `.visible` on the markers like on any fragment, in the live deck and in its print view alike.
 */
export function codeStepRules(max = MAX_CODE_STEPS): string {
  const dim: string[] = [];
  const bright: string[] = [];
  for (let k = 0; k < max; k++) {
    const shown = k === 0 ? '' : `:has(.code-step-${k}.visible)`;
    const scope = `.code-steps${shown}:not(:has(.code-step-${k + 1}.visible))`;
    dim.push(`${scope} .step-dim-${k}`);
    bright.push(`${scope} .step-lit-${k}`);
  }
  return `${dim.join(',\n')} { opacity: var(--code-dim-opacity, 0.35); }\n${bright.join(',\n')} { background: var(--code-highlight-bg); }\n`;
}
