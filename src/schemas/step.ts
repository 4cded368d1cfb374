import { z } from 'zod';
import { authoredCheckSchema } from './check.ts';

/** Frontmatter of one step of a lab (`labs/<lab>/steps/NN-<id>.mdx`). */
export const stepSchema = z
  .object({
    title: z.string().min(1).describe('What the learner achieves in this step, e.g. "Scale the app to three replicas".'),
    checks: z.array(authoredCheckSchema).min(1).describe('What must be true for the step to be done; each says what it expected and saw.'),
    hints: z.array(z.string().min(1)).default([]).describe('Revealed one at a time, on request.'),
    solution: z.array(z.string().min(1)).min(1).describe('Shell commands that complete the step; `podium check` plays them.'),
    showSolution: z.boolean().default(true).describe('Whether a learner may reveal the solution (after the hints).'),
  })
  .strict();

export type StepFrontmatter = z.infer<typeof stepSchema>;
