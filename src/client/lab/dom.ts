import { inlineCode } from '../../lib/labs/step-view.ts';

type Child = Node | string | false | undefined;

/** A small element builder: text is always text, never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An icon of the page's sprite; decorative, as a word beside it always says the same. */
export function icon(name: string, className = ''): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', `icon ${className}`.trim());
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const use = document.createElementNS(SVG, 'use');
  use.setAttribute('href', `#i-${name}`);
  svg.append(use);
  return svg;
}

export function setIcon(svg: Element | null, name: string): void {
  svg?.querySelector('use')?.setAttribute('href', `#i-${name}`);
}

/** An author's or server's text with `code` spans shown as code. */
export function richText(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const part of inlineCode(text)) fragment.append(part.code ? h('code', {}, part.text) : part.text);
  return fragment;
}

/** Says something to screen readers through the page's polite live region. */
export function announce(text: string): void {
  const region = document.querySelector('[data-announce]');
  if (!region) return;
  region.textContent = '';
  window.setTimeout(() => (region.textContent = text), 50);
}

/** Smooth scrolling, unless the reader's system asks for less motion. */
export function scrollBehavior(): ScrollBehavior {
  return matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}
