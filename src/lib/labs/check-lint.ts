/**
 * Mistakes in checks that the schemas cannot see: an unknown kind, a cluster the lab does not have,
 * a path, selector or regular expression that does not parse, a count without a number. Each names
 * the field (as a path into the step's frontmatter) and what to write. (Files that fields name are
 * checked by lab-issues.ts.)
 */
import type { Check, Condition } from '../../schemas/check.ts';
import type { StepFrontmatter } from '../../schemas/step.ts';
import { closest } from '../content/frontmatter.ts';
import { builtinKinds, resolveKind } from './kinds.ts';
import { parsePath } from './path.ts';
import { parseSelector } from './selector.ts';

export interface LintIssue {
  /** Where in the frontmatter: `['checks', 0, 'object', 'kind']`. */
  path: (string | number)[];
  message: string;
  hint?: string;
}

export interface LintContext {
  /** Names of the lab's clusters. */
  clusters: string[];
}

export function lintStep(step: StepFrontmatter, ctx: LintContext): LintIssue[] {
  return step.checks.flatMap((check, i) => lintCheck(check, ['checks', i], ctx));
}

function regexIssue(pattern: string, path: (string | number)[]): LintIssue[] {
  try {
    new RegExp(pattern);
    return [];
  } catch (e) {
    return [{ path, message: `not a valid regular expression: ${(e as Error).message}`, hint: 'remember to escape backslashes in double-quoted YAML: "^nginx:1\\\\.27"' }];
  }
}

function conditionIssues(conditions: Condition[] | undefined, at: (string | number)[]): LintIssue[] {
  return (conditions ?? []).flatMap((c, j) => {
    const here = [...at, j];
    const parsed = parsePath(c.path);
    const issues: LintIssue[] = parsed.ok
      ? []
      : [{ path: [...here, 'path'], message: parsed.error, hint: 'paths look like spec.replicas, status.conditions[type=Ready].status, spec.containers[*].image' }];
    if (c.matches !== undefined) issues.push(...regexIssue(c.matches, [...here, 'matches']));
    return issues;
  });
}

function refIssues(ref: { kind: string; apiVersion?: string; cluster?: string }, at: (string | number)[], ctx: LintContext): LintIssue[] {
  const issues: LintIssue[] = [];
  if (!resolveKind(ref.kind, ref.apiVersion)) {
    const near = closest(ref.kind, builtinKinds.map((k) => k.kind));
    issues.push({
      path: [...at, 'kind'],
      message: `unknown kind "${ref.kind}"`,
      hint: near ? `did you mean \`${near}\`? A custom resource needs \`apiVersion\` too.` : 'a custom resource needs `apiVersion` (e.g. `apiVersion: example.com/v1`)',
    });
  }
  if (ref.cluster !== undefined && !ctx.clusters.includes(ref.cluster)) {
    issues.push({ path: [...at, 'cluster'], message: `the lab has no cluster "${ref.cluster}"`, hint: `its clusters (setup.clusters): ${ctx.clusters.join(', ')}` });
  }
  return issues;
}

function selectorIssues(selector: string | undefined, path: (string | number)[]): LintIssue[] {
  if (selector === undefined) return [];
  const parsed = parseSelector(selector);
  return parsed.ok ? [] : [{ path, message: parsed.error, hint: 'selectors look like app=web,tier!=db or env in (dev,qa)' }];
}

function lintCheck(check: Check, at: (string | number)[], ctx: LintContext): LintIssue[] {
  if ('object' in check) {
    const here = [...at, 'object'];
    return [...refIssues(check.object, here, ctx), ...conditionIssues(check.object.where, [...here, 'where'])];
  }
  if ('absent' in check) {
    const here = [...at, 'absent'];
    const issues = [...refIssues(check.absent, here, ctx), ...selectorIssues(check.absent.selector, [...here, 'selector'])];
    if (check.absent.name !== undefined && check.absent.selector !== undefined) {
      issues.push({ path: here, message: 'absent takes `name` or `selector`, not both' });
    }
    return issues;
  }
  if ('count' in check) {
    const here = [...at, 'count'];
    const c = check.count;
    const issues = [...refIssues(c, here, ctx), ...selectorIssues(c.selector, [...here, 'selector']), ...conditionIssues(c.where, [...here, 'where'])];
    if (c.equals === undefined && c.atLeast === undefined && c.atMost === undefined) {
      issues.push({ path: here, message: 'count needs `equals`, `atLeast` or `atMost`', hint: 'e.g. `equals: 3`' });
    }
    if (c.equals !== undefined && (c.atLeast !== undefined || c.atMost !== undefined)) {
      issues.push({ path: [...here, 'equals'], message: 'count takes `equals`, or `atLeast`/`atMost`, not both' });
    }
    if (c.atLeast !== undefined && c.atMost !== undefined && c.atLeast > c.atMost) {
      issues.push({ path: [...here, 'atLeast'], message: `atLeast (${c.atLeast}) is more than atMost (${c.atMost}): no count can pass` });
    }
    return issues;
  }
  if ('command' in check) {
    const m = check.command.stdout?.matches;
    return m === undefined ? [] : regexIssue(m, [...at, 'command', 'stdout', 'matches']);
  }
  if ('file' in check) {
    const f = check.file;
    const issues = conditionIssues(f.yaml, [...at, 'file', 'yaml']);
    if (!f.exists && (f.contains !== undefined || f.yaml !== undefined)) {
      issues.push({ path: [...at, 'file', 'exists'], message: '`exists: false` cannot be combined with `contains` or `yaml`' });
    }
    if (f.path.startsWith('/') || f.path.split('/').includes('..')) {
      issues.push({ path: [...at, 'file', 'path'], message: `"${f.path}" is not a path in the learner's home`, hint: 'write it relative to the home: web.yaml, manifests/web.yaml' });
    }
    return issues;
  }
  if ('ran' in check) {
    return check.ran.shell === undefined ? [] : regexIssue(check.ran.shell, [...at, 'ran', 'shell']);
  }
  return [];
}

/** The file a `validator:` names, relative to the lab folder (`.ts` added when left out). */
export function validatorFile(name: string): string {
  const trimmed = name.replace(/^\.\//, '');
  return /\.[cm]?[jt]s$/.test(trimmed) ? trimmed : `${trimmed}.ts`;
}
