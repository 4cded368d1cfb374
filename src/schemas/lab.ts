import { z } from 'zod';

const nodeGroupSchema = z
  .object({
    name: z.string().min(1),
    instanceType: z.string().min(1).default('t3.medium').describe('EC2 instance type of the nodes: t3.medium, m5.large…'),
    desired: z.number().int().min(0).max(20).describe('How many nodes.'),
  })
  .strict();

const clusterSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a cluster name is lower case letters, digits and dashes').describe('The cluster\'s name (kubectl context).'),
    nodeGroups: z.array(nodeGroupSchema).min(1).default([{ name: 'ng-1', instanceType: 't3.medium', desired: 2 }]),
  })
  .strict();

/** Setup the platform performs before the learner's first prompt. */
export const setupSchema = z
  .object({
    clusters: z.array(clusterSchema).min(1).default([{ name: 'workshop', nodeGroups: [{ name: 'ng-1', instanceType: 't3.medium', desired: 2 }] }]).describe('Clusters to provision; kubectl starts on the first.'),
    objects: z.array(z.string().min(1)).default([]).describe('Manifests (paths in the lab folder) applied to the first cluster before the learner starts.'),
    files: z
      .array(z.object({ from: z.string().min(1), to: z.string().min(1).optional() }).strict())
      .default([])
      .describe('Files of the lab folder copied into the learner\'s home (`to` defaults to the file name).'),
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}).describe('Environment variables of the learner\'s shell.'),
    namespace: z.string().optional().describe('Namespace kubectl uses by default (the context\'s namespace).'),
  })
  .strict();

/** Frontmatter of a lab (`labs/<lab>/lab.mdx`). */
export const labSchema = z
  .object({
    title: z.string().min(1).describe('Title in the catalogue and on the lab page.'),
    description: z.string().min(1).describe('One or two sentences for the catalogue.'),
    duration: z.number().int().positive().max(600).describe('Expected time in minutes, e.g. `duration: 30`.'),
    order: z.number().int().default(100).describe('Position in the catalogue; lower first.'),
    deck: z.string().optional().describe('The deck this lab follows (a file name in slides/ without .mdx).'),
    tags: z.array(z.string()).default([]),
    draft: z.boolean().default(false).describe('Drafts are built but not listed.'),
    setup: setupSchema.default({}),
  })
  .strict();

export type LabFrontmatter = z.infer<typeof labSchema>;
export type LabSetup = z.infer<typeof setupSchema>;
