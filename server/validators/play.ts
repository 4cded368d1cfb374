/**
 * The core of `podium check <lab>`: plays every step's solution and proves that its checks go from
 * failing to passing. For each step in order: evaluate (it must not pass yet), run the solution's
 * commands one by one, then poll until every check passes (pods take a few seconds to be Ready).
 */
import type { CheckResult } from '../../src/lib/labs/api.ts';
import type { Check } from '../../src/schemas/check.ts';
import { realClock, sleep, type Clock } from './clock.ts';
import { allPassed, evaluateCheck, type EvaluateOptions } from './evaluate.ts';
import { excerpt } from './text.ts';
import type { CheckContext } from './types.ts';

export type RunSolutionCommand = (command: string) => Promise<{ code: number; stdout: string; stderr: string; timedOut?: boolean }>;

export interface PlayedCommand {
  command: string;
  code: number;
  /** What it printed (stderr when it failed), shortened. */
  output: string;
  ms: number;
}

export interface PlayedStep {
  id: string;
  title: string;
  status: 'passed' | 'failed' | 'skipped';
  /** What went wrong, in words (empty when passed). */
  problems: string[];
  /** Results before the solution ran. */
  before: CheckResult[];
  commands: PlayedCommand[];
  /** Results after (the passing evaluation, or the last one). */
  checks: CheckResult[];
  /** From the first solution command to the checks passing (or giving up). */
  ms: number;
}

export interface PlayReport {
  lab: string;
  ok: boolean;
  steps: PlayedStep[];
  ms: number;
  exitCode: 0 | 1;
}

export interface PlayOptions {
  clock?: Clock;
  /** Between evaluations while waiting (default 250 ms). */
  pollMs?: number;
  /** Longest wait for a step's checks after its solution (default 30 s). */
  timeoutMs?: number;
  /** Go on after a failed step (default: the steps after it are skipped). */
  keepGoing?: boolean;
  evaluate?: (check: Check, ctx: CheckContext, opts: EvaluateOptions) => Promise<CheckResult>;
  evaluateOptions?: Omit<EvaluateOptions, 'index'>;
}

export interface PlayableLab {
  name: string;
  steps: { id: string; title: string; checks: Check[]; solution: string[] }[];
}

export async function playLab(lab: PlayableLab, ctx: CheckContext, runSolutionCommand: RunSolutionCommand, opts: PlayOptions = {}): Promise<PlayReport> {
  const clock = opts.clock ?? realClock;
  const evaluate = opts.evaluate ?? evaluateCheck;
  const pollMs = opts.pollMs ?? 250;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const evaluateAll = async (checks: Check[]) => {
    const out: CheckResult[] = [];
    for (const [index, check] of checks.entries()) out.push(await evaluate(check, ctx, { ...opts.evaluateOptions, index }));
    return out;
  };
  const started = clock.now();
  const steps: PlayedStep[] = [];
  let failed = false;
  for (const step of lab.steps) {
    if (failed && !opts.keepGoing) {
      steps.push({ id: step.id, title: step.title, status: 'skipped', problems: [], before: [], commands: [], checks: [], ms: 0 });
      continue;
    }
    const played = await playStep(step, { clock, pollMs, timeoutMs, evaluateAll, runSolutionCommand });
    steps.push(played);
    if (played.status === 'failed') failed = true;
  }
  const ok = !failed;
  return { lab: lab.name, ok, steps, ms: clock.now() - started, exitCode: ok ? 0 : 1 };
}

interface StepRun {
  clock: Clock;
  pollMs: number;
  timeoutMs: number;
  evaluateAll: (checks: Check[]) => Promise<CheckResult[]>;
  runSolutionCommand: RunSolutionCommand;
}

async function playStep(step: PlayableLab['steps'][number], run: StepRun): Promise<PlayedStep> {
  const { clock } = run;
  const problems: string[] = [];
  const before = await run.evaluateAll(step.checks);
  if (allPassed(before)) problems.push('its checks already pass before its step is done: a check that cannot fail proves nothing');
  const t0 = clock.now();
  const commands: PlayedCommand[] = [];
  for (const command of step.solution) {
    const c0 = clock.now();
    let r: Awaited<ReturnType<RunSolutionCommand>>;
    try {
      r = await run.runSolutionCommand(command);
    } catch (e) {
      r = { code: -1, stdout: '', stderr: e instanceof Error ? e.message : String(e) };
    }
    const failedRun = r.code !== 0 || r.timedOut === true;
    commands.push({ command, code: r.code, output: excerpt(failedRun && r.stderr.trim() ? r.stderr : r.stdout), ms: clock.now() - c0 });
    if (failedRun) {
      problems.push(`the solution command \`${command}\` ${r.timedOut ? 'timed out' : `failed with exit status ${r.code}`}`);
      break;
    }
  }
  let checks = await run.evaluateAll(step.checks);
  const solutionRan = commands.length === step.solution.length && commands.every((c) => c.code === 0);
  while (solutionRan && !allPassed(checks) && clock.now() - t0 < run.timeoutMs) {
    await sleep(clock, run.pollMs);
    checks = await run.evaluateAll(step.checks);
  }
  const ms = clock.now() - t0;
  if (solutionRan && !allPassed(checks)) {
    const failing = checks.filter((c) => c.status !== 'passed').map((c) => `"${c.title}"`);
    problems.push(`after its solution, ${failing.join(', ')} still ${failing.length === 1 ? 'does' : 'do'} not pass (waited ${Math.round(ms / 100) / 10} s)`);
  }
  return { id: step.id, title: step.title, status: problems.length > 0 ? 'failed' : 'passed', problems, before, commands, checks, ms };
}
