import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { extractFrontmatter } from '../../../src/lib/content/frontmatter.ts';

/** What the fake server knows of a lab: read straight from the lab folder's frontmatter. */
export interface FakeStep {
  id: string;
  title: string;
  hints: string[];
  solution: string[];
  showSolution: boolean;
  checks: { title: string; message: string; subject: string; expected: string }[];
}

export interface FakeLab {
  name: string;
  title: string;
  steps: FakeStep[];
}

function frontmatter(file: string): Record<string, unknown> {
  const fm = extractFrontmatter(readFileSync(file, 'utf8'));
  return (fm ? parse(fm.text) : {}) as Record<string, unknown>;
}

/** A check as a fake verdict: what it looks at and what it expects, in words. */
function describeCheck(check: Record<string, unknown>, index: number): FakeStep['checks'][number] {
  const kind = ['object', 'absent', 'count', 'command', 'file', 'ran', 'validator'].find((k) => k in check) ?? 'check';
  const body = (check[kind] ?? {}) as Record<string, unknown>;
  const where = Array.isArray(body.where) ? (body.where[0] as Record<string, unknown> | undefined) : undefined;
  const ref = kind === 'object' || kind === 'absent' || kind === 'count' ? `${String(body.kind ?? '').toLowerCase()}/${String(body.name ?? '')}` : kind;
  const comparison = where ? Object.entries(where).find(([k]) => k !== 'path') : undefined;
  return {
    title: typeof check.title === 'string' ? check.title : `Check ${index + 1}`,
    message: String(check.message ?? ''),
    subject: where ? `${ref}: ${String(where.path)}` : kind === 'ran' ? `ran kubectl ${String(body.kubectl ?? body.shell ?? '')}` : ref,
    expected: comparison ? `${comparison[0]} ${JSON.stringify(comparison[1])}` : kind === 'ran' ? 'a matching command in your history' : 'exists',
  };
}

export function readFakeLabs(labsDir: string): Map<string, FakeLab> {
  const labs = new Map<string, FakeLab>();
  if (!existsSync(labsDir)) return labs;
  for (const name of readdirSync(labsDir)) {
    const labFile = path.join(labsDir, name, 'lab.mdx');
    if (!existsSync(labFile)) continue;
    const stepsDir = path.join(labsDir, name, 'steps');
    const steps = readdirSync(stepsDir)
      .filter((f) => /^\d+-.+\.mdx$/.test(f))
      .sort()
      .map((file) => {
        const data = frontmatter(path.join(stepsDir, file));
        const checks = (data.checks as Record<string, unknown>[] | undefined) ?? [];
        return {
          id: file.replace(/^\d+-/, '').replace(/\.mdx$/, ''),
          title: String(data.title),
          hints: (data.hints as string[] | undefined) ?? [],
          solution: (data.solution as string[] | undefined) ?? [],
          showSolution: data.showSolution !== false,
          checks: checks.map(describeCheck),
        };
      });
    labs.set(name, { name, title: String(frontmatter(labFile).title), steps });
  }
  return labs;
}
