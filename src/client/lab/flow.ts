/**
 * Flow control of the terminal: tells the server how many bytes the screen has taken, in batches
 * (every `threshold` bytes, or shortly after the last write) rather than one message per write.
 */
export class AckBatcher {
  private pending = 0;
  private timer: unknown;

  constructor(
    private readonly send: (bytes: number) => void,
    private readonly threshold = 16 * 1024,
    private readonly delayMs = 25,
    private readonly schedule: (fn: () => void, ms: number) => unknown = (fn, ms) => setTimeout(fn, ms),
    private readonly cancel: (timer: unknown) => void = (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
  ) {}

  /** The screen has written `bytes` more bytes. */
  written(bytes: number): void {
    this.pending += bytes;
    if (this.pending >= this.threshold) this.flush();
    else if (this.timer === undefined) this.timer = this.schedule(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer !== undefined) this.cancel(this.timer);
    this.timer = undefined;
    if (this.pending === 0) return;
    const bytes = this.pending;
    this.pending = 0;
    this.send(bytes);
  }

  /** Forget what was not sent (the connection it belonged to is gone). */
  reset(): void {
    if (this.timer !== undefined) this.cancel(this.timer);
    this.timer = undefined;
    this.pending = 0;
  }
}
