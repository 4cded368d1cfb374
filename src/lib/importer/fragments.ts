import { checkFragmentClasses, checkFragmentIndex, FRAGMENT_EFFECTS } from '../slides/fragment-effects.ts';
import { closest } from '../suggest.ts';
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

/** Something of a `.element` comment the deck would reject, and why. */
export interface LostAttr {
  /** `class "fade-upp"`, `index "two"` */
  what: string;
  why: string;
}

/**
 * Attributes of a `.element` comment without what the deck would reject (src/lib/slides/element-comments.ts): a
 * class that looks like a misspelt fragment effect, a data-fragment-index that is not a whole number. Names are
 * HTML's, so compared in lower case and written so.
 */
export function acceptedElementAttrs(attrs: Iterable<readonly [string, string]>): { attrs: [string, string][]; lost: LostAttr[] } {
  const kept: [string, string][] = [];
  const lost: LostAttr[] = [];
  for (const [written, value] of attrs) {
    const name = written.toLowerCase();
    if (name === 'class') {
      const classes: string[] = [];
      for (const c of value.split(/\s+/).filter(Boolean)) {
        if (checkFragmentClasses([c]).ok) {
          classes.push(c);
          continue;
        }
        const guess = closest(c, FRAGMENT_EFFECTS);
        lost.push({ what: `class "${c}"`, why: `unknown fragment effect${guess ? ` (did you mean "${guess}"?)` : ''}` });
      }
      if (classes.length > 0) kept.push([name, classes.join(' ')]);
    } else if (name === 'data-fragment-index' && !checkFragmentIndex(value, name).ok) {
      lost.push({ what: `index "${value}"`, why: 'not a whole number' });
    } else kept.push([name, value]);
  }
  return { attrs: kept, lost };
}

/**
 * The markdown form, a comment at the end of a list item or paragraph. It keeps the author's own
 * classes too; what Podium would reject (a misspelt effect, a non-numeric index) is returned as `lost`.
 */
export function elementComment(spec: FragmentSpec): { comment: string; lost: string[] } {
  const written: [string, string][] = [['class', ['fragment', ...spec.classes].join(' ')]];
  if (spec.index !== undefined) written.push(['data-fragment-index', spec.index]);
  const { attrs, lost } = acceptedElementAttrs(written);
  return { comment: directiveComment('element', attrs), lost: lost.map((l) => l.what) };
}
