/**
 * What learners read: every case of fixtures/wording.cases.yaml evaluated against fakes, compared
 * with fixtures/wording.golden.yaml. `UPDATE_GOLDEN=1 npx vitest run server/validators/wording.test.ts`
 * rewrites the golden file after a deliberate change; review its diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { authoredCheckSchema } from '../../src/schemas/check.ts';
import { evaluateCheck } from './evaluate.ts';
import { fakeContext } from './testing/context.ts';
import type { K8sObject } from './types.ts';

interface Case {
  name: string;
  cluster?: K8sObject[];
  unknownKinds?: string[];
  failure?: string;
  files?: Record<string, string>;
  history?: string[];
  kubectl?: string[];
  commands?: Record<string, { code: number; stdout?: string; stderr?: string; timedOut?: boolean }>;
  check: unknown;
}

const dir = path.join(import.meta.dirname, 'fixtures');
const cases = parse(readFileSync(path.join(dir, 'wording.cases.yaml'), 'utf8')) as Case[];

async function outcome(c: Case) {
  const { ctx, cluster, sandbox } = fakeContext();
  for (const o of c.cluster ?? []) cluster.apply(o);
  for (const k of c.unknownKinds ?? []) cluster.unknownKinds.add(k);
  if (c.failure) cluster.failure = new Error(c.failure);
  for (const [p, text] of Object.entries(c.files ?? {})) sandbox.files.set(p, text);
  sandbox.lines = c.history ?? [];
  sandbox.kubectl = c.kubectl ?? [];
  sandbox.answer = (command) => {
    const a = c.commands?.[command];
    return a ? { code: a.code, stdout: a.stdout ?? '', stderr: a.stderr ?? '', timedOut: a.timedOut ?? false } : { code: 127, stdout: '', stderr: `${command}: command not found`, timedOut: false };
  };
  const result = await evaluateCheck(authoredCheckSchema.parse(c.check), ctx);
  return { case: c.name, status: result.status, title: result.title, results: result.results };
}

describe('the wording of results', () => {
  it('matches the golden file', async () => {
    const actual = [];
    for (const c of cases) actual.push(await outcome(c));
    const golden = path.join(dir, 'wording.golden.yaml');
    const text = stringify(actual, { lineWidth: 0 });
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});
