import { z } from 'zod';

/** reveal.js's slide transitions: the deck's `transition`, and (with `-in`/`-out`) a slide's own. */
import { TRANSITIONS } from './transitions.ts';

export { TRANSITIONS };

/** Frontmatter of a slide deck (`slides/<deck>.mdx`). Unknown fields are errors, so a typo never passes silently. */
export const deckSchema = z
  .object({
    title: z.string().min(1).describe('Title shown on the first slide, the browser tab and the catalogue.'),
    description: z.string().min(1).describe('One or two sentences for the catalogue: what the audience will learn.'),
    duration: z
      .number()
      .int()
      .positive()
      .max(600)
      .describe('Expected presenting time in minutes, e.g. `duration: 45`.'),
    theme: z
      .enum(['dark', 'light'])
      .default('dark')
      .describe('`dark` for dim rooms and projectors with poor contrast, `light` for bright rooms.'),
    transition: z
      .enum(TRANSITIONS)
      .default('slide')
      .describe('Default reveal.js transition between slides; a `<Slide transition>` overrides it.'),
    order: z
      .number()
      .int()
      .default(100)
      .describe('Position in the catalogue; lower comes first.'),
    tags: z.array(z.string()).default([]).describe('Topics shown as badges in the catalogue.'),
    draft: z.boolean().default(false).describe('Drafts are built but left out of the catalogue.'),
  })
  .strict();

export type DeckFrontmatter = z.infer<typeof deckSchema>;
