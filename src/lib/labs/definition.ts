/**
 * A lab as the server and `podium check` use it: the lab's frontmatter and its steps' frontmatter,
 * validated, with each step's id taken from its file name. Pure: the caller reads the folder
 * (server/validators/load-labs.ts does, from disk). It is built from the build's own checks
 * (lab-issues.ts, which also lint the checks' content), so the server refuses exactly what the build
 * refuses.
 */
import type { LabFrontmatter } from '../../schemas/lab.ts';
import type { StepFrontmatter } from '../../schemas/step.ts';
import { analyseLabFolder, formatLabIssue, type LabContext, type LabFolder, type LabIssue } from './lab-issues.ts';
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

/**
 * The typed definition of one lab folder, or every mistake in it, each with file, line and what to
 * write. `name` is the folder's name; `context.decks` the deck names a lab may follow.
 */
export function parseLabDefinition(name: string, folder: LabFolder, context: LabContext): LabParse {
  const checked = analyseLabFolder(folder, context);
  if (checked.issues.length > 0 || !checked.lab) return { ok: false, issues: checked.issues };
  // No issues: every step file is a well-named .mdx whose frontmatter met the schema (and the lint).
  const steps: StepDefinition[] = [...checked.steps]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name: fileName, data }) => ({ ...data, id: stepIdOf(fileName)!, file: `${folder.dir}/steps/${fileName}` }));
  return { ok: true, lab: { ...checked.lab, name, dir: folder.dir, steps } };
}

/** Every issue as `file:line:column: message` with its hint, one after the other. */
export function formatLabIssues(issues: LabIssue[]): string {
  return issues.map(formatLabIssue).join('\n');
}
