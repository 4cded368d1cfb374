/**
 * A lab as the server and `podium check` use it: the lab's frontmatter and its steps' frontmatter,
 * validated, with each step's id taken from its file name. Pure: the caller reads the folder
 * (server/validators/load-labs.ts does, from disk). The build's checks (lab-issues.ts) run first, so
 * the server refuses exactly what the build refuses; then the checks' own content is linted.
 */
import { formatPath, locate, parseFrontmatter } from '../content/frontmatter.ts';
import { labSchema, type LabFrontmatter } from '../../schemas/lab.ts';
import { stepSchema, type StepFrontmatter } from '../../schemas/step.ts';
import { lintStep } from './check-lint.ts';
import { checkLabFolder, formatLabIssue, type LabContext, type LabFolder, type LabIssue } from './lab-issues.ts';
import { parseStepFileName } from './step-files.ts';

export type { LabFolder, LabIssue };

export interface StepDefinition extends StepFrontmatter {
  /** From the file name: `01-create-deployment.mdx` → `create-deployment`. */
  id: string;
  /** The step's file, as named in messages: `labs/demo/steps/01-create-deployment.mdx`. */
  file: string;
}

export type LabDefinition = LabFrontmatter & {
  /** The lab's folder name: `deploy-scale-expose`. */
  name: string;
  /** The lab folder, as named in messages: `labs/deploy-scale-expose`. */
  dir: string;
  steps: StepDefinition[];
};

export type LabParse = { ok: true; lab: LabDefinition } | { ok: false; issues: LabIssue[] };

/** `01-create-deployment.mdx` → `create-deployment`; undefined when the name does not follow the pattern. */
export function stepIdOf(fileName: string): string | undefined {
  const parsed = parseStepFileName(fileName);
  return parsed.ok ? parsed.id : undefined;
}

function frontmatterData(source: string): unknown {
  const parsed = parseFrontmatter(source);
  if (!parsed.ok) throw new Error('frontmatter that passed its checks did not parse');
  return parsed.fm.data;
}

/**
 * The typed definition of one lab folder, or every mistake in it, each with file, line and what to
 * write. `name` is the folder's name; `context.decks` the deck names a lab may follow.
 */
export function parseLabDefinition(name: string, folder: LabFolder, context: LabContext): LabParse {
  const issues = checkLabFolder(folder, context);
  if (issues.length > 0 || folder.lab === undefined) return { ok: false, issues };
  const lab = labSchema.parse(frontmatterData(folder.lab));
  const clusters = lab.setup.clusters.map((c) => c.name);
  const steps: StepDefinition[] = [];
  const sorted = [...folder.steps].filter((s) => s.name.endsWith('.mdx')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const step of sorted) {
    const file = `${folder.dir}/steps/${step.name}`;
    const parsed = parseFrontmatter(step.source);
    if (!parsed.ok) continue;
    const data = stepSchema.parse(parsed.fm.data);
    for (const lint of lintStep(data, { clusters })) {
      const field = formatPath(lint.path);
      issues.push({ file, ...locate(parsed.fm, lint.path), field, message: `${field}: ${lint.message}`, ...(lint.hint ? { hint: lint.hint } : {}) });
    }
    steps.push({ ...data, id: stepIdOf(step.name)!, file });
  }
  if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)) };
  return { ok: true, lab: { ...lab, name, dir: folder.dir, steps } };
}

/** Every issue as `file:line:column: message` with its hint, one after the other. */
export function formatLabIssues(issues: LabIssue[]): string {
  return issues.map(formatLabIssue).join('\n');
}
