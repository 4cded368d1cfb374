import { describe, expect, it } from 'vitest';
import { labEntryId, parseStepFileName, stepEntryId, stepEntryParts } from './step-files.ts';

describe('step file names', () => {
  it('reads the number and id of NN-<id>.mdx', () => {
    expect(parseStepFileName('02-scale-out.mdx')).toEqual({ ok: true, number: 2, id: 'scale-out' });
  });
  it('suggests a name for a near miss', () => {
    expect(parseStepFileName('2_Scale Out.md')).toEqual({ ok: false, suggestion: '02-scale-out.mdx' });
    expect(parseStepFileName('scale.mdx')).toEqual({ ok: false, suggestion: '01-scale.mdx' });
    expect(parseStepFileName('03.mdx')).toEqual({ ok: false });
  });
  it('makes collection ids and reads them back', () => {
    expect(labEntryId('deploy/lab.mdx')).toBe('deploy');
    expect(stepEntryId('deploy/steps/01-run.mdx')).toBe('deploy/01-run');
    expect(stepEntryParts('deploy/01-run')).toEqual({ lab: 'deploy', file: '01-run', number: 1, id: 'run' });
  });
});
