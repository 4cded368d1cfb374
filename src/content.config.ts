import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { deckSchema } from './schemas/deck';

const slides = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './slides' }),
  schema: deckSchema,
});

export const collections = { slides };
