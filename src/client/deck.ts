// Starts reveal.js on a deck page (/slides/<deck> or /present/<deck>). The page renders `.reveal` with
// data-deck, data-mode and data-transition; everything else comes from the address (print view, PDF options).
import Reveal from 'reveal.js';
import type { RevealPlugin, RevealPluginFactory } from 'reveal.js';
import Search from 'reveal.js/plugin/search';
import Zoom from 'reveal.js/plugin/zoom';
import {
  PHONE_WIDTH,
  isPrintView,
  isSpeakerPreview,
  revealConfig,
  slideSize,
  transitionOf,
  type DeckMode,
} from '../lib/slides/reveal-config.ts';

type Plugin = RevealPlugin | RevealPluginFactory;

/** The speaker view (key S) only on the presenter page, and not when printing (`?notes` would open it). */
async function speakerNotes(mode: DeckMode, search: string): Promise<Plugin[]> {
  if (mode !== 'presenter' || isPrintView(search)) return [];
  const { default: Notes } = await import('reveal.js/plugin/notes');
  return [Notes];
}

async function start(): Promise<void> {
  const root = document.querySelector<HTMLElement>('.reveal');
  if (!root) return;
  const mode: DeckMode = root.dataset.mode === 'presenter' ? 'presenter' : 'audience';
  const search = window.location.search;
  if (isSpeakerPreview(search)) document.documentElement.classList.add('deck-preview');
  window.Reveal = Reveal;
  const transition = transitionOf(root.dataset.transition);
  const config = revealConfig({ mode, transition, search, windowWidth: window.innerWidth });
  const plugins: Plugin[] = [Search, Zoom, ...(await speakerNotes(mode, search))];
  await Reveal.initialize({ ...(config as Parameters<typeof Reveal.initialize>[0]), plugins });
  // Turning a phone (or narrowing a window) across the scroll-view width switches the slide shape too.
  window.matchMedia(`(max-width: ${PHONE_WIDTH}px)`).addEventListener('change', () => {
    Reveal.configure(slideSize(window.innerWidth, search));
  });
}

void start();
