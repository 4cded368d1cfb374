import type { Element, ElementContent } from 'hast';
import type { ShikiTransformer, ShikiTransformerContext } from 'shiki';
import { parseCodeMeta, type CodeMeta } from './code-meta.ts';
import { lineClasses, preClasses, stepsOf } from './code-steps.ts';

const plans = new WeakMap<object, CodeMeta | null>();

/** The fence's meta (Astro passes it as `meta.__raw`), parsed once per code block; null when it asks for nothing. */
function planOf(context: ShikiTransformerContext): CodeMeta | null {
  const { options } = context;
  let plan = plans.get(options);
  if (plan === undefined) {
    const { meta } = parseCodeMeta(options.meta?.__raw);
    plan = meta.lineNumbers || meta.groups.length > 0 || meta.title !== undefined ? meta : null;
    plans.set(options, plan);
  }
  return plan;
}

/** Shiki's hast writes classes as a `class` string, so new elements do too. */
function element(tagName: string, classes: string[], children: ElementContent[] = [], extra: Element['properties'] = {}): Element {
  return { type: 'element', tagName, properties: { class: classes.join(' '), ...extra }, children };
}

/**
 * Shiki transformer for deck code fences: line numbers (`ln`, `ln=10`), static highlights (`{2-3}`),
 * highlight steps (`{1|3-4|all}`) and a caption (`title="…"`). Steps become empty reveal.js fragments inside
 * the `<pre>`, so they advance in document order with the slide's other fragments; the theme dims lines by
 * which markers are visible. Malformed meta is left alone here: the deck's remark plugin reports it with its line.
 */
export function codeSteps(): ShikiTransformer {
  return {
    name: 'podium:code-steps',
    line(node, line) {
      const plan = planOf(this);
      if (plan) this.addClassToHast(node, lineClasses(plan, plan.start + line - 1));
    },
    code(node) {
      const plan = planOf(this);
      if (plan?.lineNumbers) node.properties.style = `counter-reset: code-line ${plan.start - 1}`;
    },
    pre(node) {
      const plan = planOf(this);
      if (!plan) return;
      this.addClassToHast(node, preClasses(plan));
      const steps = stepsOf(plan);
      for (let k = 1; k < steps.length; k++) {
        node.children.push(element('span', ['fragment', 'code-step', `code-step-${k}`], [], { ariaHidden: 'true' }));
      }
    },
    root(root) {
      const plan = planOf(this);
      const pre = root.children[0];
      if (plan?.title === undefined || pre?.type !== 'element') return;
      const caption = element('figcaption', ['code-title'], [{ type: 'text', value: plan.title }]);
      root.children = [element('figure', ['code-block'], [caption, pre])];
    },
  };
}
