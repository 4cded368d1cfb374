import type { LabState, StepState } from '../../src/lib/labs/api.ts';
import type { LabDefinition } from '../../src/lib/labs/definition.ts';
import type { LabProgress, StepProgress } from '../store/progress.ts';

/** What the learner may see of a step from what is stored (no engine running). Pure. */
export function storedStepStates(lab: LabDefinition, steps: Map<string, StepProgress>): StepState[] {
  const current = lab.steps.findIndex((s) => steps.get(s.id)?.status !== 'passed');
  return lab.steps.map((def, i) => {
    const p = steps.get(def.id);
    const passed = p?.status === 'passed';
    const status = passed ? 'passed' : p?.status === 'failed' ? 'failed' : i === current ? 'current' : 'pending';
    return {
      id: def.id,
      title: def.title,
      status,
      checks: p?.results ?? [],
      hints: def.hints.slice(0, p?.hintsShown ?? 0),
      hintsTotal: def.hints.length,
      ...(p?.solutionShown ? { solution: def.solution } : {}),
      solutionAvailable: solutionAvailable(def, p),
      ...(p?.completedAt ? { completedAt: new Date(p.completedAt).toISOString() } : {}),
      ...(p?.checkedAt ? { checkedAt: new Date(p.checkedAt).toISOString() } : {}),
    };
  });
}

/** The solution may be shown when the author allows it and the learner has seen every hint first. */
export function solutionAvailable(def: LabDefinition['steps'][number], p: Pick<StepProgress, 'hintsShown' | 'status'> | undefined): boolean {
  return def.showSolution && (p?.hintsShown ?? 0) >= def.hints.length && p?.status !== 'passed';
}

export function labState(lab: LabDefinition, learner: { id: string; name: string }, progress: LabProgress | undefined, steps: StepState[]): LabState {
  const current = steps.findIndex((s) => s.status !== 'passed');
  return {
    lab: lab.name,
    learner: { id: learner.id, name: learner.name },
    phase: progress?.phase ?? 'not-started',
    ...(progress?.error ? { error: progress.error } : {}),
    steps,
    current: current < 0 ? steps.length : current,
  };
}
