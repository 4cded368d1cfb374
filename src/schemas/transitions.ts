/** reveal.js's slide transitions a deck may choose. Without zod, so that browser scripts may import it. */
export const TRANSITIONS = ['none', 'fade', 'slide', 'convex', 'concave', 'zoom'] as const;

export type Transition = (typeof TRANSITIONS)[number];
