import { checkFragmentClasses, checkFragmentIndex, FRAGMENT_EFFECTS } from '../slides/fragment-effects.ts';
import { directiveComment } from './jsx-tags.ts';

/** reveal.js fragment classes and indexes as `<Frag>` props or as a `.element` comment (docs/decks.md). */

const EFFECTS: ReadonlySet<string> = new Set(FRAGMENT_EFFECTS);

export interface FragmentSpec {
  /** reveal.js classes besides `fragment`, e.g. `fade-up`. */
  classes: string[];
  /** reveal.js `data-fragment-index`, as written. */
  index?: string;
}

export function fragmentSpec(classAttr: string | undefined, index: string | undefined): FragmentSpec {
  const classes = (classAttr ?? '').split(/\s+/).filter((c) => c && c !== 'fragment');
  return { classes, ...(index?.trim() ? { index: index.trim() } : {}) };
}

/** Props for `<Frag>`; what Frag has no prop for (other classes, a non-numeric index) is returned as `lost`. */
export function fragProps(spec: FragmentSpec, inline: boolean): { props: string; lost: string[] } {
  const effects = spec.classes.filter((c) => EFFECTS.has(c));
  const lost = spec.classes.filter((c) => !EFFECTS.has(c)).map((c) => `class "${c}"`);
  let props = '';
  if (effects.length > 0 && effects.join(' ') !== 'fade-in') props += ` effect="${effects.join(' ')}"`;
  if (spec.index !== undefined) {
    const index = checkFragmentIndex(spec.index, 'index');
    if (index.ok) props += ` index={${index.value}}`;
    else lost.push(`index "${spec.index}"`);
  }
  if (inline) props += ' as="span"';
  return { props, lost };
}

/**
 * The markdown form, a comment at the end of a list item or paragraph. It keeps the author's own
 * classes too; what Podium would reject (a misspelt effect, a non-numeric index) is returned as `lost`.
 */
export function elementComment(spec: FragmentSpec): { comment: string; lost: string[] } {
  const lost: string[] = [];
  const classes = spec.classes.filter((c) => checkFragmentClasses([c]).ok || !lost.push(`class "${c}"`));
  const attrs: [string, string][] = [['class', ['fragment', ...classes].join(' ')]];
  if (spec.index !== undefined && checkFragmentIndex(spec.index, 'index').ok) attrs.push(['data-fragment-index', spec.index]);
  else if (spec.index !== undefined) lost.push(`index "${spec.index}"`);
  return { comment: directiveComment('element', attrs), lost };
}
