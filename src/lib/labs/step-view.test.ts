import { describe, expect, it } from 'vitest';
import type { LabState, StepState } from './api.ts';
import { applyStep, inlineCode, progressOf, stepView } from './step-view.ts';

const step = (over: Partial<StepState> = {}): StepState => ({
  id: 'scale',
  title: 'Scale',
  status: 'current',
  checks: [],
  hints: [],
  hintsTotal: 3,
  solutionAvailable: true,
  ...over,
});

describe('stepView', () => {
  it('says the status in words, with an icon', () => {
    expect(stepView(step({ status: 'passed' }))).toMatchObject({ label: 'Done', icon: 'check' });
    expect(stepView(step({ status: 'failed' }))).toMatchObject({ label: 'Not yet', icon: 'cross' });
  });

  it('counts hints one at a time', () => {
    expect(stepView(step()).hintButton).toEqual({ label: 'Hint (1 of 3)', exhausted: false });
    expect(stepView(step({ hints: ['a'] })).hintButton).toEqual({ label: 'Next hint (2 of 3)', exhausted: false });
    expect(stepView(step({ hints: ['a', 'b', 'c'] })).hintButton).toEqual({ label: 'All hints shown', exhausted: true });
    expect(stepView(step({ hintsTotal: 0 })).hintButton).toBeUndefined();
  });

  it('offers the solution until it is shown', () => {
    expect(stepView(step()).offerSolution).toBe(true);
    expect(stepView(step({ solution: ['kubectl scale'] })).offerSolution).toBe(false);
    expect(stepView(step({ solutionAvailable: false })).offerSolution).toBe(false);
  });

  it('separates what failed from what is right already', () => {
    const view = stepView(
      step({
        checks: [
          {
            index: 0,
            title: 'Replicas',
            status: 'failed',
            message: 'Scale it.',
            results: [
              { ok: true, subject: 'deployment/web', expected: 'exists', seen: 'exists' },
              { ok: false, subject: 'deployment/web: spec.replicas', expected: '3', seen: '1' },
            ],
          },
          { index: 1, title: 'Ran scale', status: 'passed', message: 'Use scale.', results: [{ ok: true, subject: 'kubectl scale', expected: 'ran', seen: 'ran' }] },
        ],
      }),
    );
    expect(view.checks[0]!.failures.map((r) => r.seen)).toEqual(['1']);
    expect(view.checks[0]!.passes.map((r) => r.subject)).toEqual(['deployment/web']);
    expect(view.checks[1]!.failures).toEqual([]);
    expect(view.summary).toBe('1 of 2 checks passed.');
  });
});

describe('lab state', () => {
  const state: LabState = {
    lab: 'deploy',
    learner: { id: '1', name: 'Ana' },
    phase: 'ready',
    steps: [step({ id: 'a', status: 'passed' }), step({ id: 'b' })],
    current: 1,
  };

  it('folds a step in and moves current and phase along', () => {
    const next = applyStep(state, step({ id: 'b', status: 'passed' }));
    expect(next.current).toBe(2);
    expect(next.phase).toBe('completed');
    expect(progressOf(next)).toEqual({ passed: 2, total: 2, percent: 100, label: '2 of 2 steps done', complete: true });
  });

  it('takes current and phase from the server when it says them', () => {
    const next = applyStep(state, step({ id: 'b', status: 'failed' }), 1, 'ready');
    expect(next).toMatchObject({ current: 1, phase: 'ready' });
    expect(progressOf(next).label).toBe('1 of 2 steps done');
  });
});

describe('inlineCode', () => {
  it('splits `code` spans from text', () => {
    expect(inlineCode('Scale `web` with `kubectl scale`.')).toEqual([
      { code: false, text: 'Scale ' },
      { code: true, text: 'web' },
      { code: false, text: ' with ' },
      { code: true, text: 'kubectl scale' },
      { code: false, text: '.' },
    ]);
    expect(inlineCode('no code')).toEqual([{ code: false, text: 'no code' }]);
  });
});
