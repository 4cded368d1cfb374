import { TRANSITIONS } from '../../schemas/deck.ts';
import type { Attribute } from './attribute-list.ts';
import type { Checked } from './fragment-effects.ts';
import type { StaticValue } from './jsx.ts';
import { didYouMean } from '../suggest.ts';

/** `<Slide>` attributes (docs/decks.md, "Slides") and the reveal.js attribute each one sets. */
const SLIDE_ATTRIBUTES: Record<string, string> = {
  id: 'id',
  background: 'data-background',
  backgroundImage: 'data-background-image',
  backgroundSize: 'data-background-size',
  backgroundColor: 'data-background-color',
  transition: 'data-transition',
  transitionSpeed: 'data-transition-speed',
  autoAnimate: 'data-auto-animate',
  className: 'class',
  class: 'class',
  visibility: 'data-visibility',
};
const NAMES = Object.keys(SLIDE_ATTRIBUTES).filter((n) => n !== 'class');

const TRANSITION = new RegExp(`^(${TRANSITIONS.join('|')})(-in|-out)?$`);
const TRANSITION_NAMES = `${TRANSITIONS.slice(0, -1).join(', ')} or ${TRANSITIONS.at(-1)}`;

/** Checks the value of a reveal.js slide attribute; returns a message for a mistake. */
export function checkSlideAttribute(name: string, value: string, writtenAs = name): string | undefined {
  if (name === 'data-transition' && !value.split(/\s+/).every((t) => TRANSITION.test(t))) {
    return `${writtenAs}="${value}" is not a transition: use ${TRANSITION_NAMES} (or e.g. "zoom-in fade-out").`;
  }
  if (name === 'data-transition-speed' && !['default', 'fast', 'slow'].includes(value)) {
    return `${writtenAs}="${value}" is not a speed: use default, fast or slow.`;
  }
  if (name === 'data-visibility' && value !== 'hidden') return `${writtenAs}="${value}": the only value is "hidden".`;
  if (name === 'id' && !/^[^\s#/]+$/.test(value)) return `${writtenAs}="${value}" must be one word without spaces, "#" or "/".`;
  return undefined;
}

/** Maps `<Slide>` attributes to reveal.js section attributes, collecting mistakes. */
export function slideAttributes(values: ReadonlyMap<string, StaticValue>, problems: string[]): Attribute[] {
  const attributes: Attribute[] = [];
  for (const [name, raw] of values) {
    const target = name.startsWith('data-') ? name : SLIDE_ATTRIBUTES[name];
    if (!target) {
      problems.push(
        `<Slide> has no attribute "${name}".${didYouMean(name, NAMES)} It takes ${NAMES.join(', ')} and data-*; ` +
          'other reveal.js attributes go in a {/* .slide: data-…="…" */} comment.',
      );
      continue;
    }
    if (name === 'autoAnimate') {
      if (raw === true || raw === 'true') attributes.push({ name: target, value: '' });
      else if (raw !== false && raw !== 'false') problems.push(`<Slide autoAnimate> takes no value (or {true}/{false}), not "${raw}".`);
      continue;
    }
    const value = String(raw);
    const problem = checkSlideAttribute(target, value, `<Slide ${name}>`);
    if (problem) problems.push(problem);
    else attributes.push({ name: target, value });
  }
  return attributes;
}

/**
 * A `.slide:` attribute name in its normal form. The attributes end up on the slide's `<section>`, and HTML
 * names ignore case (reveal.js's own `.slide:` comments set them with `setAttribute`): `ID` is `id`.
 */
export function slideAttributeName(name: string): string {
  return name.toLowerCase();
}

const SLIDE_COMMENT_NAME = /^(?:id|class|style|data-[-a-z0-9_:.]+)$/;

/**
 * Whether an attribute may go in a `{/* .slide: … *\/}` comment: id, class, style or data-*, whatever their case,
 * with a value Podium accepts. The deck and the importer both ask this; a yes comes with the normal name.
 */
export function checkSlideCommentAttribute({ name, value }: Attribute): Checked<Attribute> {
  const normal = slideAttributeName(name);
  if (!SLIDE_COMMENT_NAME.test(normal)) {
    const mapped = SLIDE_ATTRIBUTES[name];
    const hint = mapped && mapped !== name ? ` Write ${mapped}="…".` : '';
    return { ok: false, message: `a .slide: comment takes id, class, style and data-* attributes, not "${name}".${hint}` };
  }
  const problem = checkSlideAttribute(normal, value, name);
  return problem ? { ok: false, message: problem } : { ok: true, value: { name: normal, value } };
}

/** Checks the attributes of a `{/* .slide: … *\/}` comment: reveal.js's own names, as on a `<section>`. */
export function checkSlideComment(attributes: readonly Attribute[], problems: string[]): Attribute[] {
  const kept: Attribute[] = [];
  for (const attribute of attributes) {
    const checked = checkSlideCommentAttribute(attribute);
    if (checked.ok) kept.push(checked.value);
    else problems.push(checked.message);
  }
  return kept;
}
