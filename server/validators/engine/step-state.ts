/** The engine's record of each step, and how it becomes the StepState the lab page shows. */
import type { CheckResult, StepState } from '../../../src/lib/labs/api.ts';
import type { StepDefinition } from '../../../src/lib/labs/definition.ts';

export interface StepProgress {
  passed: boolean;
  /** Set by an explicit check that did not pass, until the step passes. */
  failed: boolean;
  /** The results shown: of the last explicit check, or of the evaluation that passed the step. */
  checks: CheckResult[];
  completedAt?: string;
  checkedAt?: string;
}

/** What the learner has revealed of a step's help (the server keeps it). */
export interface Reveals {
  hints: number;
  solution: boolean;
}

export type StepInfo = Pick<StepDefinition, 'id' | 'title' | 'hints' | 'solution' | 'showSolution'>;

/** Index of the first step not passed (steps.length when all are). */
export function currentIndex(progress: StepProgress[]): number {
  const i = progress.findIndex((p) => !p.passed);
  return i < 0 ? progress.length : i;
}

export function toStepStates(steps: StepInfo[], progress: StepProgress[], reveals?: (stepId: string) => Reveals): StepState[] {
  const current = currentIndex(progress);
  return steps.map((step, i) => {
    const p = progress[i]!;
    const shown = reveals?.(step.id) ?? { hints: 0, solution: false };
    const status = p.passed ? 'passed' : p.failed ? 'failed' : i === current ? 'current' : 'pending';
    return {
      id: step.id,
      title: step.title,
      status,
      checks: p.checks,
      hints: step.hints.slice(0, shown.hints),
      hintsTotal: step.hints.length,
      ...(shown.solution && step.showSolution ? { solution: step.solution } : {}),
      solutionAvailable: step.showSolution,
      ...(p.completedAt ? { completedAt: p.completedAt } : {}),
      ...(p.checkedAt ? { checkedAt: p.checkedAt } : {}),
    };
  });
}
