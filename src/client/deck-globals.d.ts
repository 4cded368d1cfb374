import type { RevealApi } from 'reveal.js';

declare global {
  interface Window {
    /** The deck's reveal.js instance; e2e tests and the presenter sync drive it. */
    Reveal?: RevealApi;
  }
}
