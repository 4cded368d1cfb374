import { closest, formatPath, locate, parseFrontmatter, validateFrontmatter, type ContentIssue, type ParsedFrontmatter } from '../content/frontmatter.ts';
import { labSchema, type LabFrontmatter } from '../../schemas/lab.ts';
import { stepSchema, type StepFrontmatter } from '../../schemas/step.ts';
import { lintStep } from './check-lint.ts';
import { parseStepFileName } from './step-files.ts';

/** One lab folder as read from disk; everything the checks need, so they stay pure. */
export interface LabFolder {
  /** The folder as named in messages, relative to the project: `labs/deploy-scale-expose`. */
  dir: string;
  /** Text of `lab.mdx`, when there is one. */
  lab?: string;
  /** Files of `steps/`, by name, with their text. */
  steps: { name: string; source: string }[];
  /** Every file and folder in the lab folder, relative to it, with `/` (`setup/app.yaml`, `setup`). */
  files: string[];
}

export interface LabContext {
  /** Deck names (files of slides/ without `.mdx`). */
  decks: string[];
}

/** A mistake in a lab, in a file (at a place when it is in the file's text). */
export interface LabIssue extends Partial<Pick<ContentIssue, 'line' | 'column'>>, Omit<ContentIssue, 'line' | 'column'> {
  file: string;
}

/** A lab folder checked: every mistake and, for each file that meets its schema, the data it gives. */
export interface CheckedLabFolder {
  issues: LabIssue[];
  /** lab.mdx's frontmatter, when it meets the schema. */
  lab?: LabFrontmatter;
  /** The step files whose frontmatter meets the schema, in the folder's order. */
  steps: { name: string; data: StepFrontmatter }[];
}

/** Every mistake in one lab folder: frontmatter against the schemas, then what spans files. */
export function checkLabFolder(folder: LabFolder, context: LabContext): LabIssue[] {
  return analyseLabFolder(folder, context).issues;
}

/** {@link checkLabFolder}, keeping what the schemas gave (definition.ts builds the lab from it). Each file is parsed once. */
export function analyseLabFolder(folder: LabFolder, context: LabContext): CheckedLabFolder {
  const issues: LabIssue[] = [];
  let lab: LabFrontmatter | undefined;
  if (folder.lab === undefined) {
    issues.push({
      file: `${folder.dir}/`,
      message: 'a lab folder needs a lab.mdx',
      hint: 'add lab.mdx with a frontmatter block (title, description, duration) and an introduction',
    });
  } else {
    const checked = checkLabFile(`${folder.dir}/lab.mdx`, folder.lab, folder, context);
    issues.push(...checked.issues);
    lab = checked.lab;
  }
  // Checks name the lab's clusters; they are known when lab.mdx is right.
  const steps = checkSteps(folder, lab?.setup.clusters.map((c) => c.name));
  issues.push(...steps.issues);
  return {
    issues: issues.map(withCheckHint).sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)),
    ...(lab ? { lab } : {}),
    steps: steps.valid,
  };
}

/** Hints for the two check mistakes the schemas cannot explain on their own. */
function withCheckHint(issue: LabIssue): LabIssue {
  if (issue.hint) return issue;
  if (/^checks\[\d+\]: a check needs one of/.test(issue.message)) {
    return { ...issue, hint: 'start the check with its kind, e.g. `- object: { kind: Deployment, name: web }` or `- ran: { shell: "kubectl get pods" }`' };
  }
  if (/a condition needs a comparison/.test(issue.message)) {
    return { ...issue, hint: 'e.g. `- { path: spec.replicas, equals: 3 }`' };
  }
  return issue;
}

function checkLabFile(file: string, source: string, folder: LabFolder, context: LabContext): { issues: LabIssue[]; lab?: LabFrontmatter } {
  const parsed = parseFrontmatter(source);
  const checked = validateFrontmatter(parsed, labSchema);
  const issues: LabIssue[] = checked.ok ? [] : checked.issues.map((i) => ({ file, ...i }));
  const lab = checked.ok ? { lab: checked.data } : {};
  if (!parsed.ok) return { issues, ...lab };
  const { fm } = parsed;
  const data = asRecord(fm.data);
  const setup = asRecord(data.setup);
  asArray(setup.objects).forEach((value, i) => {
    issues.push(...referencedFile(file, fm, ['setup', 'objects', i], value, folder));
  });
  asArray(setup.files).forEach((entry, i) => {
    issues.push(...referencedFile(file, fm, ['setup', 'files', i, 'from'], asRecord(entry).from, folder));
  });
  if (typeof data.deck === 'string' && !context.decks.includes(data.deck)) {
    const near = closest(data.deck, context.decks);
    issues.push({
      file,
      ...locate(fm, ['deck']),
      field: 'deck',
      message: `deck: there is no deck "${data.deck}" (slides/${data.deck}.mdx)`,
      hint: near
        ? `did you mean \`deck: ${near}\`?`
        : context.decks.length > 0
          ? `decks: ${context.decks.join(', ')}`
          : 'add the deck to slides/ or remove `deck`',
    });
  }
  return { issues, ...lab };
}

function checkSteps(folder: LabFolder, clusters: string[] | undefined): { issues: LabIssue[]; valid: CheckedLabFolder['steps'] } {
  const issues: LabIssue[] = [];
  const valid: CheckedLabFolder['steps'] = [];
  if (folder.steps.length === 0) {
    issues.push({ file: `${folder.dir}/steps/`, message: 'the lab has no steps', hint: 'add steps/01-<id>.mdx, one file per step' });
  }
  const ids = new Map<string, string>();
  const numbers = new Map<number, string>();
  for (const step of folder.steps) {
    const file = `${folder.dir}/steps/${step.name}`;
    const name = parseStepFileName(step.name);
    if (!name.ok) {
      issues.push({
        file,
        line: 1,
        column: 1,
        message: `a step file is named NN-<id>.mdx (two digits, a dash, lower-case words joined by dashes), not "${step.name}"`,
        hint: name.suggestion ? `rename it to \`${name.suggestion}\`` : 'e.g. `01-create-deployment.mdx`',
      });
    } else {
      const sameId = ids.get(name.id);
      if (sameId) {
        issues.push({ file, line: 1, column: 1, message: `step id "${name.id}" is used twice: ${sameId} and ${step.name}`, hint: 'give each step its own id (the part after the number)' });
      } else ids.set(name.id, step.name);
      const sameNumber = numbers.get(name.number);
      if (sameNumber) {
        issues.push({ file, line: 1, column: 1, message: `steps ${sameNumber} and ${step.name} have the same number, so their order is unclear`, hint: 'number the steps 01, 02, 03…' });
      } else numbers.set(name.number, step.name);
    }
    if (!step.name.endsWith('.mdx')) continue;
    const parsed = parseFrontmatter(step.source);
    const checked = validateFrontmatter(parsed, stepSchema);
    if (!checked.ok) issues.push(...checked.issues.map((i) => ({ file, ...i })));
    if (!parsed.ok) continue;
    if (checked.ok) {
      valid.push({ name: step.name, data: checked.data });
      if (clusters) {
        const lint = lintStep(checked.data, { clusters });
        issues.push(
          ...lint.map((l) => ({ file, ...locate(parsed.fm, l.path), field: formatPath(l.path), message: `${formatPath(l.path)}: ${l.message}`, ...(l.hint ? { hint: l.hint } : {}) })),
        );
      }
    }
    asArray(asRecord(parsed.fm.data).checks).forEach((check, i) => {
      const validator = asRecord(check).validator;
      if (validator !== undefined) issues.push(...referencedFile(file, parsed.fm, ['checks', i, 'validator'], validator, folder));
    });
  }
  return { issues, valid };
}

/** A path in the lab folder that a field names must exist there (and not lead out of it). */
function referencedFile(file: string, fm: ParsedFrontmatter, at: (string | number)[], value: unknown, folder: LabFolder): LabIssue[] {
  if (typeof value !== 'string' || value === '') return []; // the schema says what is wrong
  const field = formatPath(at);
  const place = locate(fm, at);
  const normal = normalizePath(value);
  if (value.startsWith('/') || normal === undefined) {
    return [{ file, ...place, field, message: `${field}: "${value}" is outside the lab folder`, hint: `name a file inside ${folder.dir}/, e.g. \`setup/app.yaml\`` }];
  }
  if (folder.files.includes(normal)) return [];
  const candidates = folder.files.filter(
    (f) => !f.startsWith('steps/') && f !== 'lab.mdx' && !folder.files.some((other) => other.startsWith(`${f}/`)),
  );
  const near = closest(normal, candidates);
  return [
    {
      file,
      ...place,
      field,
      message: `${field}: there is no file "${value}" in ${folder.dir}/`,
      hint: near
        ? `did you mean \`${near}\`?`
        : candidates.length > 0
          ? `files in the lab folder: ${candidates.slice(0, 12).join(', ')}`
          : `add the file to ${folder.dir}/`,
    },
  ];
}

/** `./setup//a.yaml` → `setup/a.yaml`; undefined when the path climbs out of its folder. */
function normalizePath(p: string): string | undefined {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `labs/x/steps/02-scale.mdx:6:9: message` and the hint indented; a file-level issue has no place. */
export function formatLabIssue(issue: LabIssue): string {
  const where = issue.line !== undefined ? `${issue.file}:${issue.line}:${issue.column ?? 1}` : issue.file;
  const head = `${where}: ${issue.message}`;
  return issue.hint ? `${head}\n    ${issue.hint.replace(/\n/g, '\n    ')}` : head;
}
