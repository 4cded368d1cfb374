import { loadLabs } from '../../../server/validators/load-labs.ts';

/** What the fake server knows of a lab: its definition, as the real server loads it. */
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

/** The labs as the real server loads them (a broken fixture lab fails loudly, with file and line). */
export function readFakeLabs(labsDir: string): Map<string, FakeLab> {
  const labs = new Map<string, FakeLab>();
  for (const loaded of loadLabs(labsDir)) {
    if (!loaded.ok) throw new Error(`fixture lab ${loaded.name} does not load:\n${loaded.message}`);
    const { lab } = loaded;
    const steps = lab.steps.map((step) => ({
      id: step.id,
      title: step.title,
      hints: step.hints,
      solution: step.solution,
      showSolution: step.showSolution,
      checks: step.checks.map((check, i) => describeCheck(check as Record<string, unknown>, i)),
    }));
    labs.set(lab.name, { name: lab.name, title: lab.title, steps });
  }
  return labs;
}
