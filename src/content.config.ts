import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { deckSchema } from './schemas/deck';
import { labSchema } from './schemas/lab';
import { stepSchema } from './schemas/step';
import { labsDir } from './integrations/labs-dir';
import { labEntryId, stepEntryId } from './lib/labs/step-files';

const slides = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './slides' }),
  schema: deckSchema,
});

/** `labs/<lab>/lab.mdx`, with id `<lab>`. */
const labs = defineCollection({
  loader: glob({ pattern: '*/lab.mdx', base: labsDir(), generateId: ({ entry }) => labEntryId(entry) }),
  schema: labSchema,
});

/** `labs/<lab>/steps/NN-<id>.mdx`, with id `<lab>/NN-<id>`. */
const steps = defineCollection({
  loader: glob({ pattern: '*/steps/*.mdx', base: labsDir(), generateId: ({ entry }) => stepEntryId(entry) }),
  schema: stepSchema,
});

export const collections = { slides, labs, steps };
