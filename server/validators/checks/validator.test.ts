import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../evaluate.ts';
import { fakeContext } from '../testing/context.ts';
import { validatorPath } from './validator.ts';

const labDir = path.join(import.meta.dirname, '../fixtures/lab');

function run(validator: string, opts: { timeoutMs?: number } = {}) {
  const f = fakeContext({ labDir });
  f.cluster.apply({ kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' } } });
  return { f, result: () => evaluateCheck({ validator, message: 'Fix the selector.' }, f.ctx, { validator: opts }) };
}

describe('validator checks', () => {
  it('loads the file and returns its sub-results', async () => {
    const { f, result } = run('validators/selector.ts');
    expect(await result()).toEqual({
      index: 0,
      title: 'validators/selector.ts',
      status: 'failed',
      message: 'Fix the selector.',
      results: [{ ok: false, subject: 'service/web selector', expected: 'matches at least one pod', seen: '0 pods match app=web' }],
    });
    f.cluster.apply({ kind: 'Pod', metadata: { name: 'web-1', labels: { app: 'web' } } });
    expect((await result()).status).toBe('passed');
  });

  it('adds .ts when the name has no extension', async () => {
    expect((await run('validators/selector').result()).status).toBe('failed');
  });

  it.each([
    ['validators/crash.ts', "Podium could not check this: Cannot read properties of undefined (reading 'spec')"],
    ['validators/wrong-shape.ts', 'Podium could not check this: validators/wrong-shape.ts must return a list of { ok, subject, expected, seen }'],
    ['validators/no-default.ts', 'Podium could not check this: validators/no-default.ts has no default export; write `export default defineValidator(async (ctx) => …)`'],
    ['validators/missing.ts', 'Podium could not check this: the validator file validators/missing.ts is missing from the lab folder'],
    ['../outside.ts', 'Podium could not check this: validator "../outside.ts" is outside the lab folder'],
  ])('turns a broken %s into an error result', async (name, seen) => {
    const r = await run(name).result();
    expect(r.status).toBe('error');
    expect(r.results[0]?.seen).toBe(seen);
  });

  it('gives up on a validator that never answers', async () => {
    const r = await run('validators/slow.ts', { timeoutMs: 50 }).result();
    expect(r).toMatchObject({ status: 'error', results: [{ seen: 'Podium could not check this: validators/slow.ts did not answer within 0.05 s' }] });
  });

  it('keeps validators inside the lab folder', () => {
    expect(validatorPath('/labs/a', 'validators/x')).toBe('/labs/a/validators/x.ts');
    expect(() => validatorPath('/labs/a', '../b/x.ts')).toThrow(/outside the lab folder/);
  });
});
