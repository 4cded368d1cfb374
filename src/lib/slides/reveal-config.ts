import type { RevealConfig, TransitionStyle } from 'reveal.js';
import { TRANSITIONS, type Transition } from '../../schemas/transitions.ts';

export type DeckMode = 'audience' | 'presenter';

/** What a deck page knows when it starts: rendered attributes of `.reveal` and the address's query. */
export interface DeckPage {
  mode: DeckMode;
  transition: TransitionStyle;
  /** `location.search`, e.g. `?view=print&fragments=1&notes=1`. */
  search: string;
  /** `window.innerWidth` when the deck starts. */
  windowWidth: number;
}

/** reveal.js's options, with `showNotes` as the library accepts it (its typings say boolean only). */
export type DeckRevealConfig = Omit<RevealConfig, 'showNotes'> & { showNotes: boolean | 'separate-page' };

/** Slide size: 16:9 like projectors; reveal.js scales it to the window. */
export const SLIDE_SIZE = { width: 1280, height: 720 } as const;
/** Below this window width reveal.js shows the deck as a scrolling page (its scroll view). */
export const PHONE_WIDTH = 435;
/** On a phone the slides are narrower and taller, so the text reflows and stays readable. */
export const PHONE_SLIDE_SIZE = { width: 720, height: 960 } as const;

/**
 * The slide size for a window this wide. Print always uses the projector size (one slide per page), and so do
 * the speaker view's previews, small frames that must look like the projected slide.
 */
export function slideSize(windowWidth: number, search: string): { width: number; height: number } {
  const phone = windowWidth <= PHONE_WIDTH && !isPrintView(search) && !isSpeakerPreview(search);
  return phone ? PHONE_SLIDE_SIZE : SLIDE_SIZE;
}

/** The deck's transition as the page wrote it, `slide` when it is none of the schema's. */
export function transitionOf(value: string | undefined): TransitionStyle {
  return (TRANSITIONS as readonly string[]).includes(value ?? '') ? (value as Transition) : 'slide';
}

export function isPrintView(search: string): boolean {
  return new URLSearchParams(search).get('view') === 'print';
}

/** The speaker view's previews load the presenter page with `?receiver`; they show no hints of their own. */
export function isSpeakerPreview(search: string): boolean {
  return /[?&]receiver\b/i.test(search);
}

/**
 * reveal.js options for a deck page. Print: `?view=print` is reveal's print view (it reads `view` itself);
 * `fragments=1` prints one page per fragment step, `notes=1` (presenter page only) adds a page of notes after
 * each slide; a slide never spills over more than one page.
 */
export function revealConfig(page: DeckPage): DeckRevealConfig {
  const query = new URLSearchParams(page.search);
  const print = query.get('view') === 'print';
  return {
    ...slideSize(page.windowWidth, page.search),
    scrollActivationWidth: PHONE_WIDTH,
    scrollLayout: 'compact',
    margin: 0.05,
    center: true,
    hash: true,
    history: false,
    slideNumber: 'c/t',
    showSlideNumber: 'all',
    controls: true,
    progress: true,
    overview: true,
    help: true,
    transition: page.transition,
    backgroundTransition: 'fade',
    view: print ? 'print' : null,
    pdfMaxPagesPerSlide: 1,
    pdfSeparateFragments: query.get('fragments') === '1',
    showNotes: page.mode === 'presenter' && query.get('notes') === '1' ? 'separate-page' : false,
  };
}
