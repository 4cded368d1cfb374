import type { Nodes } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';

export type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;
export type StaticValue = string | number | boolean;

export function isJsx(node: Nodes | { type: string }, name?: string): node is JsxElement {
  const jsx = node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
  return jsx && (name === undefined || (node as JsxElement).name === name);
}

/** `{3}`, `{true}`, `{"x"}`: the value of a literal expression, or undefined for anything else. */
function literal(expression: string): StaticValue | undefined {
  const text = expression.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  const quoted = /^(["'`])([^"'`\\$]*)\1$/.exec(text);
  return quoted ? quoted[2] : undefined;
}

export interface JsxAttributes {
  values: Map<string, StaticValue>;
  problems: string[];
}

/**
 * The attributes of a deck component as plain values. Components are rendered at build time from these
 * values, so an attribute must be a literal: `index={3}`, `effect="grow"`, `autoAnimate`.
 */
export function readJsxAttributes(element: JsxElement): JsxAttributes {
  const values = new Map<string, StaticValue>();
  const problems: string[] = [];
  for (const attribute of element.attributes) {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      problems.push(`<${element.name}> cannot take spread attributes ({…}); write each attribute as name="value".`);
      continue;
    }
    const { name, value } = attribute;
    if (value === null || value === undefined) values.set(name, true);
    else if (typeof value === 'string') values.set(name, value);
    else {
      const parsed = literal(value.value);
      if (parsed === undefined) {
        problems.push(`<${element.name} ${name}={${value.value}}> must be a plain value, e.g. ${name}="…" or ${name}={3}.`);
      } else values.set(name, parsed);
    }
  }
  return { values, problems };
}
