/**
 * The live engine of one learner's lab: keeps every step's status, re-evaluates steps not yet passed
 * after cluster changes (debounced) and after shell prompts, and answers the Check button.
 *
 * - Steps pass in order: automatic evaluations look at the current step only, and when it passes the
 *   next one is evaluated at once (a learner who ran ahead sees the following steps turn green in a
 *   row). Otherwise a later step whose checks hold before the earlier ones are done ("the deployment
 *   is absent") would pass at the start; `podium check` proves each step's checks fail right after
 *   the steps before it, not before them. `sequential: false` evaluates every step not passed.
 *   The Check button evaluates any step, and may pass it.
 * - One evaluation at a time (so never two of one step); triggers arriving meanwhile are merged per
 *   step and run next; an explicit check goes first, then the current step, then the others in order.
 * - A passed step stays passed. Automatic evaluations that fail change nothing the learner sees;
 *   an explicit check's results are kept for display until the next explicit check or a pass.
 * - Automatic evaluations run the cheapest checks first and stop at the first failure.
 */
import type { CheckResult, StepState } from '../../../src/lib/labs/api.ts';
import type { Check } from '../../../src/schemas/check.ts';
import { realClock, type Clock } from '../clock.ts';
import { debounce, type Debounced } from '../debounce.ts';
import { allPassed, evaluateCheck, type EvaluateOptions } from '../evaluate.ts';
import type { CheckContext } from '../types.ts';
import { currentIndex, toStepStates, type Reveals, type StepInfo, type StepProgress } from './step-state.ts';
import { StepQueue } from './step-queue.ts';
import { affects, byCost, type Trigger } from './triggers.ts';

export type EngineStep = StepInfo & { checks: Check[] };

export interface LabValidatorOptions {
  steps: EngineStep[];
  ctx: CheckContext;
  /** Called after a step changes (passes, or an explicit check's results): every step, and the one that changed. */
  onChange?: (states: StepState[], changed: StepState) => void;
  clock?: Clock;
  /** Quiet time after a cluster change before steps are evaluated (default 150 ms). */
  debounceMs?: number;
  /** Longest wait while the cluster keeps changing (default 500 ms). */
  maxWaitMs?: number;
  /** Steps passed earlier (from the store), by id. */
  restore?: Record<string, { completedAt?: string }>;
  /** Hints and solution the learner has revealed, by step id (for StepState). */
  reveals?: (stepId: string) => Reveals;
  /** Evaluate only the current step automatically (default true); see above. */
  sequential?: boolean;
  evaluate?: (check: Check, ctx: CheckContext, opts: EvaluateOptions) => Promise<CheckResult>;
  evaluateOptions?: Omit<EvaluateOptions, 'index'>;
  /** Failures of the engine itself (a throwing onChange); evaluations never throw. */
  onError?: (error: unknown) => void;
}

export class LabValidator {
  private readonly steps: EngineStep[];
  private readonly clock: Clock;
  private readonly progress: StepProgress[];
  /** Latest result of each check of each step, evaluated automatically or not. */
  private readonly latest: (CheckResult | undefined)[][];
  /** Each step's checks, cheapest first (the order automatic evaluations go in). */
  private readonly byCost: number[][];
  private readonly pending = new StepQueue();
  private readonly waiters = new Map<number, ((state: StepState) => void)[]>();
  private idleWaiters: (() => void)[] = [];
  private readonly debounced: Debounced;
  private unwatch: (() => void)[] = [];
  private running = false;
  private stopped = false;
  private started = false;

  constructor(private readonly opts: LabValidatorOptions) {
    this.steps = opts.steps;
    this.clock = opts.clock ?? realClock;
    this.progress = this.steps.map((s) => {
      const restored = opts.restore?.[s.id];
      return { passed: restored !== undefined, failed: false, checks: [], ...(restored?.completedAt ? { completedAt: restored.completedAt } : {}) };
    });
    this.latest = this.steps.map((s) => s.checks.map(() => undefined));
    this.byCost = this.steps.map((s) => byCost(s.checks));
    this.debounced = debounce(() => this.enqueueAll('cluster'), this.clock, opts.debounceMs ?? 150, opts.maxWaitMs ?? 500);
  }

  /** Subscribes to cluster changes and evaluates the current step (every step not passed, if not sequential). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    for (const reader of this.opts.ctx.clusters.values()) this.unwatch.push(reader.watch(() => this.notifyClusterChange()));
    this.enqueueAll('prompt');
  }

  /** Stops watching and evaluating; pending explicit checks get the state as it is. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.debounced.cancel();
    for (const u of this.unwatch) u();
    this.unwatch = [];
    this.pending.clear();
    const states = this.states();
    for (const [i, list] of this.waiters) for (const resolve of list) resolve(states[i]!);
    this.waiters.clear();
    this.settleIdle();
  }

  /** Something changed in a cluster (a watch event); evaluations follow once it is quiet. */
  notifyClusterChange(): void {
    if (!this.stopped) this.debounced();
  }

  /** The learner's shell showed a prompt: a command has finished. */
  notifyPrompt(): void {
    this.enqueueAll('prompt');
  }

  /** The Check button: evaluates every check of the step and resolves with the step's state. */
  check(stepId: string): Promise<StepState> {
    const i = this.steps.findIndex((s) => s.id === stepId);
    if (i < 0) return Promise.reject(new Error(`no step "${stepId}"`));
    if (this.stopped) return Promise.resolve(this.states()[i]!);
    return new Promise((resolve) => {
      this.waiters.set(i, [...(this.waiters.get(i) ?? []), resolve]);
      this.enqueue(i, 'explicit');
    });
  }

  states(): StepState[] {
    return toStepStates(this.steps, this.progress, this.opts.reveals);
  }

  /** Index of the first step not passed (steps.length when all are). */
  get current(): number {
    return currentIndex(this.progress);
  }

  /** Resolves when no evaluation is running or waiting (debounced changes not yet due excepted). */
  idle(): Promise<void> {
    if (!this.running && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueueAll(trigger: Trigger): void {
    if (this.opts.sequential !== false) {
      if (this.current < this.steps.length) this.enqueue(this.current, trigger);
      return;
    }
    this.progress.forEach((p, i) => {
      if (!p.passed) this.enqueue(i, trigger);
    });
  }

  /** After a pass, the step that became current is looked at right away. */
  private advance(): void {
    if (this.opts.sequential !== false && this.current < this.steps.length) this.enqueue(this.current, 'prompt');
  }

  private enqueue(i: number, trigger: Trigger): void {
    if (this.stopped) return;
    this.pending.add(i, trigger);
    void this.run();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.pending.take(this.current); next && !this.stopped; next = this.pending.take(this.current)) {
        const { index: i, triggers } = next;
        try {
          if (triggers.has('explicit')) await this.evaluateExplicit(i);
          else if (!this.progress[i]!.passed) await this.evaluateAuto(i, triggers.has('prompt') ? 'prompt' : 'cluster');
        } catch (e) {
          this.opts.onError?.(e);
          this.answer(i, this.states()[i]!);
        }
      }
    } finally {
      this.running = false;
      this.settleIdle();
    }
  }

  private settleIdle(): void {
    if (this.running || (this.pending.size > 0 && !this.stopped)) return;
    const list = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of list) resolve();
  }

  private async evaluateOne(i: number, j: number): Promise<CheckResult> {
    const evaluate = this.opts.evaluate ?? evaluateCheck;
    const result = await evaluate(this.steps[i]!.checks[j]!, this.opts.ctx, { ...this.opts.evaluateOptions, index: j });
    this.latest[i]![j] = result;
    return result;
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private async evaluateExplicit(i: number): Promise<void> {
    const results: CheckResult[] = [];
    for (let j = 0; j < this.steps[i]!.checks.length; j++) results.push(await this.evaluateOne(i, j));
    if (this.stopped) return;
    const p = this.progress[i]!;
    const passed = allPassed(results);
    if (passed && !p.passed) {
      p.passed = true;
      p.completedAt = this.nowIso();
    }
    p.failed = !p.passed;
    p.checks = results;
    p.checkedAt = this.nowIso();
    const state = this.emit(i);
    if (passed) this.advance();
    this.answer(i, state);
  }

  /** Resolves the Check button's waiters of a step. */
  private answer(i: number, state: StepState): void {
    const list = this.waiters.get(i) ?? [];
    this.waiters.delete(i);
    for (const resolve of list) resolve(state);
  }

  private async evaluateAuto(i: number, trigger: 'prompt' | 'cluster'): Promise<void> {
    const checks = this.steps[i]!.checks;
    for (const j of this.byCost[i]!) {
      const known = this.latest[i]![j];
      if (!affects(trigger, checks[j]!) && known) {
        if (known.status === 'passed') continue;
        return; // unchanged since it failed: the step cannot pass yet
      }
      const result = await this.evaluateOne(i, j);
      if (this.stopped || result.status !== 'passed') return;
    }
    const p = this.progress[i]!;
    p.passed = true;
    p.failed = false;
    p.completedAt = this.nowIso();
    p.checkedAt = p.completedAt;
    p.checks = checks.map((_, j) => this.latest[i]![j]!);
    this.emit(i);
    this.advance();
  }

  private emit(i: number): StepState {
    const states = this.states();
    const changed = states[i]!;
    try {
      this.opts.onChange?.(states, changed);
    } catch (e) {
      this.opts.onError?.(e);
    }
    return changed;
  }
}
