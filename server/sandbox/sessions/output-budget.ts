/**
 * A token bucket on one shell's output (pure: time is passed in). The server parses every byte a
 * shell prints into its screen mirror; the budget keeps one learner's `yes` from taking the CPU
 * that every other learner's keystrokes need. Bursts (a long `kubectl get -o yaml`) pass at once.
 */
export interface OutputBudgetOptions {
  /** Sustained characters per second (default 2 Mi). */
  perSecond?: number;
  /** Characters that may pass at once after a quiet spell (default 1 Mi). */
  burst?: number;
}

export class OutputBudget {
  private readonly perSecond: number;
  private readonly burst: number;
  private tokens: number;
  private last: number | undefined;

  constructor(opts: OutputBudgetOptions = {}) {
    this.perSecond = opts.perSecond ?? 2 * 1024 * 1024;
    this.burst = opts.burst ?? 1024 * 1024;
    this.tokens = this.burst;
  }

  /** Spends `n` characters already received; returns how long to stop reading (ms, 0 = go on). */
  take(n: number, now: number): number {
    if (this.last !== undefined) this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.perSecond);
  }
}
