import { z } from 'zod';

/**
 * One condition on a field of an object or a YAML file. `path` is dotted, with `[n]` for a list
 * index, `[key=value]` for the list item whose field matches, and `[*]` for "any item"
 * (e.g. `status.conditions[type=Available].status`, `spec.template.spec.containers[*].image`).
 */
export const conditionSchema = z
  .object({
    path: z.string().min(1).describe('Dotted path into the object: `spec.replicas`, `status.conditions[type=Ready].status`.'),
    equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional().describe('The value must be exactly this.'),
    notEquals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional().describe('The value must not be this.'),
    atLeast: z.number().optional().describe('A number at least this.'),
    atMost: z.number().optional().describe('A number at most this.'),
    matches: z.string().optional().describe('A regular expression the value (as text) must match.'),
    contains: z.string().optional().describe('Text the value must contain.'),
    exists: z.boolean().optional().describe('`true`: the field must be set; `false`: it must not be.'),
    oneOf: z.array(z.union([z.string(), z.number(), z.boolean()])).optional().describe('The value must be one of these.'),
  })
  .strict()
  .refine((c) => ['equals', 'notEquals', 'atLeast', 'atMost', 'matches', 'contains', 'exists', 'oneOf'].some((k) => k in c), {
    message: 'a condition needs a comparison: equals, notEquals, atLeast, atMost, matches, contains, exists or oneOf',
  });

export type Condition = z.infer<typeof conditionSchema>;

/** Which Kubernetes object(s) a check looks at. */
const objectRef = {
  kind: z.string().min(1).describe('Kind, as in manifests: `Deployment`, `Pod`, `Namespace`.'),
  apiVersion: z.string().optional().describe('`apps/v1`…; guessed from the kind for built-in types when left out.'),
  namespace: z.string().optional().describe('Namespace of the object (default: `default` for namespaced kinds).'),
  cluster: z.string().optional().describe('Which of the lab\'s clusters (default: the first).'),
};

const textMatch = z
  .object({
    equals: z.string().optional(),
    contains: z.string().optional(),
    matches: z.string().optional().describe('A regular expression.'),
  })
  .strict();

const common = {
  message: z.string().min(1).describe('Shown when the check fails: what the learner should do.'),
  title: z.string().optional().describe('A short name for the check in the results (default: made from the check).'),
};

export const objectCheckSchema = z
  .object({
    object: z
      .object({
        ...objectRef,
        name: z.string().min(1).describe('Name of the object.'),
        where: z.array(conditionSchema).default([]).describe('Conditions its fields must meet.'),
      })
      .strict(),
    ...common,
  })
  .strict();

export const absentCheckSchema = z
  .object({
    absent: z
      .object({
        ...objectRef,
        name: z.string().optional().describe('The object that must not exist.'),
        selector: z.string().optional().describe('Or: no object may match this label selector.'),
      })
      .strict(),
    ...common,
  })
  .strict();

export const countCheckSchema = z
  .object({
    count: z
      .object({
        ...objectRef,
        selector: z.string().optional().describe('Label selector, e.g. `app=web,tier!=db`.'),
        where: z.array(conditionSchema).default([]).describe('Only objects meeting these conditions count.'),
        equals: z.number().int().optional(),
        atLeast: z.number().int().optional(),
        atMost: z.number().int().optional(),
      })
      .strict(),
    ...common,
  })
  .strict();

export const commandCheckSchema = z
  .object({
    command: z
      .object({
        run: z.string().min(1).describe('A shell command run in the learner\'s sandbox (as the learner, in their home).'),
        exitCode: z.number().int().default(0).describe('The exit status it must end with.'),
        stdout: textMatch.optional().describe('What its output must be, contain or match.'),
      })
      .strict(),
    ...common,
  })
  .strict();

export const fileCheckSchema = z
  .object({
    file: z
      .object({
        path: z.string().min(1).describe('Path in the learner\'s home, e.g. `web.yaml` or `manifests/web.yaml`.'),
        exists: z.boolean().default(true),
        contains: z.string().optional().describe('Text the file must contain.'),
        yaml: z.array(conditionSchema).optional().describe('The file must parse as YAML and meet these conditions.'),
      })
      .strict(),
    ...common,
  })
  .strict();

export const ranCheckSchema = z
  .object({
    ran: z
      .object({
        kubectl: z
          .string()
          .optional()
          .describe('A kubectl subcommand the learner ran, as the API sees it: `scale`, `rollout undo`, `apply`.'),
        shell: z.string().optional().describe('Or: a regular expression a command in the shell history must match.'),
      })
      .strict()
      .refine((r) => r.kubectl !== undefined || r.shell !== undefined, { message: 'ran needs `kubectl` or `shell`' }),
    ...common,
  })
  .strict();

export const validatorCheckSchema = z
  .object({
    validator: z.string().min(1).describe('A TypeScript file in the lab folder, e.g. `validators/selector.ts`.'),
    ...common,
  })
  .strict();

/** One check of a step: exactly one of object, absent, count, command, file, ran, validator. */
export const checkSchema = z.union([
  objectCheckSchema,
  absentCheckSchema,
  countCheckSchema,
  commandCheckSchema,
  fileCheckSchema,
  ranCheckSchema,
  validatorCheckSchema,
]);

export type Check = z.infer<typeof checkSchema>;
export const checkKinds = ['object', 'absent', 'count', 'command', 'file', 'ran', 'validator'] as const;
export type CheckKind = (typeof checkKinds)[number];

export function checkKind(check: Check): CheckKind {
  return checkKinds.find((k) => k in check)!;
}

/** The schema of each kind of check. */
export const checkSchemaByKind: Record<CheckKind, z.ZodTypeAny> = {
  object: objectCheckSchema,
  absent: absentCheckSchema,
  count: countCheckSchema,
  command: commandCheckSchema,
  file: fileCheckSchema,
  ran: ranCheckSchema,
  validator: validatorCheckSchema,
};

/**
 * Checks are told apart by their one kind key; validating against that kind's schema alone gives an
 * author a precise message instead of "matches none of seven shapes".
 */
export const authoredCheckSchema = z.unknown().transform((raw, ctx) => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `a check is a mapping with one of: ${checkKinds.join(', ')}` });
    return z.NEVER;
  }
  const kinds = checkKinds.filter((k) => k in raw);
  if (kinds.length !== 1) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message:
        kinds.length === 0
          ? `a check needs one of: ${checkKinds.join(', ')}`
          : `a check has one kind, not several: ${kinds.join(' and ')}`,
    });
    return z.NEVER;
  }
  const parsed = checkSchemaByKind[kinds[0]!].safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue(issue);
    return z.NEVER;
  }
  return parsed.data as Check;
});
