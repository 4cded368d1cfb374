/** Fakes for the sessions' unit tests: a driver whose shells the test drives, sockets, a manual clock. */
import type { Disposable, ExecResult, Sandbox, SandboxDriver, SandboxSpec } from '../driver.ts';
import type { TerminalSocket, Timers } from './types.ts';

export class FakeSandbox implements Sandbox {
  readonly written: string[] = [];
  readonly sizes: [number, number][] = [];
  paused = false;
  killed = false;
  private readonly dataListeners = new Set<(d: string) => void>();
  private readonly exitListeners = new Set<(e: { code: number | null; signal: number | null }) => void>();

  constructor(readonly id: string, readonly spec: SandboxSpec) {}

  emit(data: string): void {
    for (const l of this.dataListeners) l(data);
  }

  exit(code = 0): void {
    for (const l of this.exitListeners) l({ code, signal: null });
  }

  write(data: string | Buffer): void {
    this.written.push(data.toString());
  }

  resize(cols: number, rows: number): void {
    this.sizes.push([cols, rows]);
  }

  onData(listener: (data: string) => void): Disposable {
    this.dataListeners.add(listener);
    return { dispose: () => this.dataListeners.delete(listener) };
  }

  onExit(listener: (e: { code: number | null; signal: number | null }) => void): Disposable {
    this.exitListeners.add(listener);
    return { dispose: () => this.exitListeners.delete(listener) };
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  async kill(): Promise<void> {
    this.killed = true;
    this.exit(137);
  }
}

export class FakeDriver implements SandboxDriver {
  readonly name = 'fake';
  readonly started: FakeSandbox[] = [];
  fail = false;

  async start(spec: SandboxSpec): Promise<Sandbox> {
    await Promise.resolve();
    if (this.fail) throw new Error('no sandbox today');
    const sandbox = new FakeSandbox(`s${this.started.length + 1}`, spec);
    this.started.push(sandbox);
    return sandbox;
  }

  async exec(): Promise<ExecResult> {
    return { code: 0, stdout: '', stderr: '', timedOut: false };
  }

  async readHomeFile(): Promise<string | undefined> {
    return undefined;
  }

  get last(): FakeSandbox {
    return this.started[this.started.length - 1]!;
  }
}

export class FakeSocket implements TerminalSocket {
  readonly frames: string[] = [];
  closed: { code: number; reason: string } | undefined;
  private readonly messageListeners = new Set<(f: string) => void>();
  private readonly closeListeners = new Set<() => void>();

  send(frame: string): void {
    if (!this.closed) this.frames.push(frame);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = { code, reason };
    for (const l of this.closeListeners) l();
  }

  onMessage(listener: (frame: string) => void): Disposable {
    this.messageListeners.add(listener);
    return { dispose: () => this.messageListeners.delete(listener) };
  }

  onClose(listener: () => void): Disposable {
    this.closeListeners.add(listener);
    return { dispose: () => this.closeListeners.delete(listener) };
  }

  /** The client sends a frame. */
  receive(frame: string): void {
    for (const l of this.messageListeners) l(frame);
  }

  /** Everything written to the client's terminal so far. */
  get output(): string {
    return this.frames.filter((f) => f.startsWith('o')).map((f) => f.slice(1)).join('');
  }

  get outputChars(): number {
    return this.output.length;
  }
}

/** A clock that only moves when told to. */
export class ManualTimers implements Timers {
  private time = 0;
  private readonly pending = new Set<{ at: number; fn: () => void }>();

  now(): number {
    return this.time;
  }

  schedule(ms: number, fn: () => void): Disposable {
    const entry = { at: this.time + ms, fn };
    this.pending.add(entry);
    return { dispose: () => this.pending.delete(entry) };
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.pending].filter((p) => p.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.pending.delete(due);
      this.time = due.at;
      due.fn();
    }
    this.time = until;
  }

  get scheduled(): number {
    return this.pending.size;
  }
}

/** Lets the mirror (which parses on real timers) and pending promises catch up. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
