import { closest, didYouMean } from '../suggest.ts';

/** reveal.js fragment styles a deck may use (docs/decks.md, "Fragments"). */
export const FRAGMENT_EFFECTS = [
  'fade-in',
  'fade-out',
  'fade-up',
  'fade-down',
  'fade-left',
  'fade-right',
  'fade-in-then-out',
  'fade-in-then-semi-out',
  'semi-fade-out',
  'grow',
  'shrink',
  'strike',
  'highlight-red',
  'highlight-green',
  'highlight-blue',
  'highlight-current-red',
  'highlight-current-green',
  'highlight-current-blue',
] as const;

const KNOWN: readonly string[] = FRAGMENT_EFFECTS;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** `effect="grow highlight-red"` → its effects; an unknown one is a mistake. */
export function checkEffects(value: string): Checked<string[]> {
  const effects = value.split(/\s+/).filter(Boolean);
  if (effects.length === 0) return { ok: false, message: 'effect="" is empty: leave it out for fade-in, or name a style such as effect="fade-up".' };
  for (const effect of effects) {
    if (!KNOWN.includes(effect)) {
      return {
        ok: false,
        message: `unknown fragment effect "${effect}".${didYouMean(effect, KNOWN)} Effects: ${KNOWN.join(', ')}.`,
      };
    }
  }
  return { ok: true, value: effects };
}

/**
 * Classes of a `.element:` comment may hold the author's own classes too, so only those that look like a
 * misspelt effect (`fade-upp`, `highlight-read`) are mistakes.
 */
export function checkFragmentClasses(classes: readonly string[]): Checked<string[]> {
  for (const name of classes) {
    if (name === 'fragment' || KNOWN.includes(name)) continue;
    const effectLike = /^(fade|semi|highlight|grow|shrink|strike)/.test(name) || closest(name, KNOWN) !== undefined;
    if (effectLike) {
      return {
        ok: false,
        message: `unknown fragment effect "${name}".${didYouMean(name, KNOWN)} Effects: ${KNOWN.join(', ')}.`,
      };
    }
  }
  return { ok: true, value: [...classes] };
}

/** A fragment's explicit order: a whole number, 0 or more. */
export function checkFragmentIndex(value: string, writtenAs: string): Checked<number> {
  if (!/^\s*\d+\s*$/.test(value)) {
    return { ok: false, message: `${writtenAs} must be a whole number such as 2, not "${value}".` };
  }
  return { ok: true, value: Number(value) };
}
