/** An event time meaning "nothing more, and the process keeps running until it is stopped". */
export const FOREVER = 1e15;

/** What a simulated process does over time, relative to its start (ms). */
export type ProcEvent =
  | { t: number; kind: 'out'; text: string }
  | { t: number; kind: 'file'; path: string; content: string | undefined }
  | { t: number; kind: 'exit'; code: number }
  | { t: number; kind: 'oom' };

/**
 * A running process as a lazy stream of events. `skipUntil` lets a reader jump over output it does not need
 * (a periodic loop fast-forwards whole iterations), which keeps `kubectl logs --tail` cheap on old containers.
 */
export interface Proc {
  next(): ProcEvent | undefined;
  skipUntil: number;
}

/** A process from a generator function. */
export class GeneratorProc implements Proc {
  skipUntil = 0;
  private readonly it: Iterator<ProcEvent, unknown>;
  private done = false;

  constructor(make: (proc: GeneratorProc) => Iterator<ProcEvent, unknown>) {
    this.it = make(this);
  }

  next(): ProcEvent | undefined {
    if (this.done) return undefined;
    const r = this.it.next();
    if (r.done) {
      this.done = true;
      return undefined;
    }
    return r.value;
  }
}
