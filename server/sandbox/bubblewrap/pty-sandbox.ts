/** An interactive sandbox: the prepared launch run on a pseudo-terminal by node-pty. */
import { spawn, type IPty } from 'node-pty';
import type { Disposable, Sandbox } from '../driver.ts';
import type { Launch } from './prepare.ts';

/** Bounds of a terminal size a client may ask for. */
const MAX_COLS = 500;
const MAX_ROWS = 200;
/** How long kill() waits for the shell to be gone. */
const KILL_WAIT_MS = 3000;

export class PtySandbox implements Sandbox {
  private readonly pty: IPty;
  private readonly exited: Promise<void>;
  private exitInfo: { code: number | null; signal: number | null } | undefined;
  private readonly exitListeners = new Set<(exit: { code: number | null; signal: number | null }) => void>();

  constructor(
    readonly id: string,
    private readonly launch: Launch,
    size: { cols: number; rows: number },
  ) {
    this.pty = spawn(launch.file, launch.args, {
      name: 'xterm-256color',
      cols: clamp(size.cols, MAX_COLS, 80),
      rows: clamp(size.rows, MAX_ROWS, 24),
      cwd: '/',
      env: launch.env,
    });
    this.exited = new Promise<void>((resolve) => {
      this.pty.onExit(({ exitCode, signal }) => {
        void launch.release().finally(() => {
          this.exitInfo = { code: signal ? null : exitCode, signal: signal || null };
          for (const listener of this.exitListeners) listener(this.exitInfo);
          this.exitListeners.clear();
          resolve();
        });
      });
    });
  }

  /** Pid of bwrap on the host (for tests and diagnostics). */
  get pid(): number {
    return this.pty.pid;
  }

  write(data: string | Buffer): void {
    if (!this.exitInfo) this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (this.exitInfo) return;
    this.pty.resize(clamp(cols, MAX_COLS, this.pty.cols), clamp(rows, MAX_ROWS, this.pty.rows));
  }

  onData(listener: (data: string) => void): Disposable {
    return this.pty.onData(listener);
  }

  onExit(listener: (exit: { code: number | null; signal: number | null }) => void): Disposable {
    if (this.exitInfo) {
      const info = this.exitInfo;
      queueMicrotask(() => listener(info));
      return { dispose: () => undefined };
    }
    this.exitListeners.add(listener);
    return { dispose: () => this.exitListeners.delete(listener) };
  }

  pause(): void {
    this.pty.pause();
  }

  resume(): void {
    this.pty.resume();
  }

  async kill(): Promise<void> {
    if (!this.exitInfo) {
      // bwrap dies, its init follows (--die-with-parent), and with it the whole PID namespace.
      this.pty.kill('SIGKILL');
      void this.launch.cgroups?.killAll();
      // A paused terminal would hold the exit back until it is read.
      this.pty.resume();
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, KILL_WAIT_MS)))]);
    clearTimeout(timer);
  }
}

function clamp(n: number, max: number, fallback: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(2, Math.floor(n))) : fallback;
}
