import type { CheckResult, LabState, StepState, StepStatus, SubResult } from './api.ts';

/** Status as a word and an icon name, never by colour alone. */
export const statusText: Record<StepStatus, { label: string; icon: 'circle' | 'arrow' | 'check' | 'cross' }> = {
  pending: { label: 'Not started', icon: 'circle' },
  current: { label: 'In progress', icon: 'arrow' },
  passed: { label: 'Done', icon: 'check' },
  failed: { label: 'Not yet', icon: 'cross' },
};

export interface CheckView {
  index: number;
  title: string;
  status: CheckResult['status'];
  message: string;
  /** Sub-results that did not pass (all of them when the check errored). */
  failures: SubResult[];
  /** Sub-results that passed, for a short "what is right already" line. */
  passes: SubResult[];
}

export interface StepView {
  status: StepStatus;
  label: string;
  icon: (typeof statusText)[StepStatus]['icon'];
  /** Label of the hint button, or undefined when there are no hints. */
  hintButton?: { label: string; exhausted: boolean };
  /** Whether the "Show solution" button is offered now. */
  offerSolution: boolean;
  checks: CheckView[];
  /** The last verdict in a sentence. */
  summary?: string;
}

export function stepView(step: StepState): StepView {
  const { label, icon } = statusText[step.status];
  const shown = step.hints.length;
  const hintButton =
    step.hintsTotal === 0
      ? undefined
      : shown >= step.hintsTotal
        ? { label: step.hintsTotal === 1 ? 'Hint shown' : 'All hints shown', exhausted: true }
        : { label: shown === 0 ? `Hint (1 of ${step.hintsTotal})` : `Next hint (${shown + 1} of ${step.hintsTotal})`, exhausted: false };
  const checks = step.checks.map((c) => ({
    index: c.index,
    title: c.title,
    status: c.status,
    message: c.message,
    failures: c.status === 'passed' ? [] : c.results.filter((r) => !r.ok || c.status === 'error'),
    passes: c.status === 'passed' ? c.results : c.results.filter((r) => r.ok && c.status !== 'error'),
  }));
  return {
    status: step.status,
    label,
    icon,
    ...(hintButton ? { hintButton } : {}),
    offerSolution: step.solutionAvailable && !step.solution,
    checks,
    ...(step.checks.length > 0 ? { summary: summary(step.checks) } : {}),
  };
}

function summary(checks: CheckResult[]): string {
  const passed = checks.filter((c) => c.status === 'passed').length;
  if (passed === checks.length) return checks.length === 1 ? 'The check passed.' : `All ${checks.length} checks passed.`;
  return `${passed} of ${checks.length} checks passed.`;
}

/** A step's new state folded into the lab's: `current` and `phase` follow when the server does not say. */
export function applyStep(state: LabState, step: StepState, current?: number, phase?: LabState['phase']): LabState {
  const steps = state.steps.map((s) => (s.id === step.id ? step : s));
  const firstOpen = steps.findIndex((s) => s.status !== 'passed');
  const done = firstOpen === -1;
  return {
    ...state,
    steps,
    current: current ?? (done ? steps.length : firstOpen),
    phase: phase ?? (done && state.phase === 'ready' ? 'completed' : state.phase),
  };
}

export interface Progress {
  passed: number;
  total: number;
  percent: number;
  label: string;
  complete: boolean;
}

export function progressOf(state: Pick<LabState, 'steps'>): Progress {
  const total = state.steps.length;
  const passed = state.steps.filter((s) => s.status === 'passed').length;
  return {
    passed,
    total,
    percent: total === 0 ? 0 : Math.round((passed / total) * 100),
    label: `${passed} of ${total} step${total === 1 ? '' : 's'} done`,
    complete: total > 0 && passed === total,
  };
}

/** Text with `code` spans, split so it can be shown without parsing any HTML. */
export function inlineCode(text: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  const re = /`([^`]+)`/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ code: false, text: text.slice(last, m.index) });
    parts.push({ code: true, text: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ code: false, text: text.slice(last) });
  return parts;
}
