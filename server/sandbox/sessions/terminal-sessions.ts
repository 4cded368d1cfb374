/**
 * Terminal sessions, one per (learner, lab): attach a client to the running shell or start one;
 * when the last client leaves the shell lives on for a grace period (so a dropped connection comes
 * back to the same shell), then it is reaped and its last screen saved. A later attach starts a fresh
 * shell under the saved screen; the home on disk and the cluster are untouched by all this.
 */
import type { Disposable, SandboxDriver, SandboxSpec } from '../driver.ts';
import type { Logger } from '../bubblewrap/logger.ts';
import { consoleLogger } from '../bubblewrap/logger.ts';
import { CloseCode } from './protocol.ts';
import { TerminalSession, type Attachment, type AttachOptions } from './session.ts';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from './session-limits.ts';
import { realTimers, type ScreenStore, type SessionKey, type TerminalSocket, type Timers } from './types.ts';

export interface TerminalSessionsOptions {
  driver: SandboxDriver;
  /** The learner's sandbox spec for a lab (uid, home, env with KUBECONFIG, API socket). */
  specFor(key: SessionKey): Promise<Omit<SandboxSpec, 'cols' | 'rows'>>;
  /** Keeps last screens across reaps and restarts; none by default. */
  screens?: ScreenStore;
  /** How long a shell outlives its last client (default 10 min). */
  graceMs?: number;
  limits?: Partial<SessionLimits>;
  timers?: Timers;
  log?: Logger;
}

export interface SessionAttachOptions extends AttachOptions {
  /**
   * Start a shell when none runs (default: true for writable clients, false for read-only ones, so an
   * instructor's view never starts a learner's shell).
   */
  start?: boolean;
}

export class TerminalSessions {
  private readonly sessions = new Map<string, { key: SessionKey; session: TerminalSession; started: Promise<void> }>();
  /** Sessions being reaped: a new attach waits for their screen to be saved. */
  private readonly ending = new Map<string, Promise<void>>();
  private readonly reapTimers = new Map<string, Disposable>();
  private readonly promptListeners = new Set<(learnerId: string, lab: string) => void>();
  private readonly timers: Timers;
  private readonly limits: SessionLimits;
  private readonly log: Logger;
  private readonly graceMs: number;
  private closed = false;

  constructor(private readonly opts: TerminalSessionsOptions) {
    this.timers = opts.timers ?? realTimers;
    this.limits = { ...DEFAULT_SESSION_LIMITS, ...opts.limits };
    this.log = opts.log ?? consoleLogger;
    this.graceMs = opts.graceMs ?? 10 * 60_000;
  }

  /**
   * Attaches `socket` to the learner's shell in `lab`, starting one if needed. Resolves to undefined
   * when the socket was turned away (closed with a CloseCode): no shell and `start` false, too many
   * clients, or the shell could not start.
   */
  async attach(key: SessionKey, socket: TerminalSocket, opts: SessionAttachOptions = {}): Promise<Attachment | undefined> {
    const id = keyOf(key);
    await this.ending.get(id);
    let entry = this.sessions.get(id);
    if (!entry) {
      if (this.closed || !(opts.start ?? !opts.readOnly)) {
        socket.close(CloseCode.ended, 'no shell is running');
        return undefined;
      }
      entry = this.create(key, { cols: opts.cols ?? 80, rows: opts.rows ?? 24 });
    }
    this.cancelReap(id);
    try {
      await entry.started;
    } catch (err) {
      socket.close(CloseCode.startFailed, 'the shell could not be started');
      this.log.warn(`terminal of ${key.learnerId} in ${key.lab}: ${(err as Error).message}`);
      return undefined;
    }
    const attachment = entry.session.attach(socket, opts);
    if (entry.session.clientCount === 0) this.scheduleReap(id);
    return attachment;
  }

  /** Called with (learnerId, lab) each time a learner's shell shows a prompt. */
  onPrompt(listener: (learnerId: string, lab: string) => void): Disposable {
    this.promptListeners.add(listener);
    return { dispose: () => this.promptListeners.delete(listener) };
  }

  /** Whether the learner has a shell in the lab now. */
  isRunning(key: SessionKey): boolean {
    return this.sessions.has(keyOf(key));
  }

  /** Ends a learner's shell now (e.g. an instructor resets the lab), saving its screen. */
  async reap(key: SessionKey): Promise<void> {
    const id = keyOf(key);
    const entry = this.sessions.get(id);
    if (!entry) return this.ending.get(id);
    this.cancelReap(id);
    this.sessions.delete(id);
    const done = (async () => {
      await entry.started.catch(() => undefined);
      const screen = await entry.session.end('session ended', this.limits.savedScrollback);
      if (screen && this.opts.screens) {
        await this.opts.screens.save(key.learnerId, key.lab, screen).catch((err: Error) => this.log.warn(`terminal: saving the screen of ${key.learnerId} failed: ${err.message}`));
      }
    })().finally(() => this.ending.delete(id));
    this.ending.set(id, done);
    return done;
  }

  /** Ends every shell, saving each screen (for a server shutdown). */
  async shutdown(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.sessions.values()].map((e) => this.reap(e.key)));
    await Promise.all(this.ending.values());
  }

  private create(key: SessionKey, size: { cols: number; rows: number }) {
    const id = keyOf(key);
    const session = new TerminalSession(
      {
        startSandbox: async (s) => this.opts.driver.start({ ...(await this.opts.specFor(key)), ...s }),
        timers: this.timers,
        limits: this.limits,
        onPrompt: () => {
          for (const listener of this.promptListeners) listener(key.learnerId, key.lab);
        },
        onIdle: () => this.scheduleReap(id),
        warn: (m) => this.log.warn(m),
      },
      size,
    );
    const started = (async () => {
      const previous = await this.opts.screens?.load(key.learnerId, key.lab).catch(() => undefined);
      await session.start(previous);
    })();
    const entry = { key, session, started };
    this.sessions.set(id, entry);
    started.catch(() => {
      if (this.sessions.get(id) === entry) this.sessions.delete(id);
      void session.end('start failed', 0);
    });
    return entry;
  }

  private scheduleReap(id: string): void {
    this.cancelReap(id);
    const entry = this.sessions.get(id);
    if (!entry) return;
    this.reapTimers.set(
      id,
      this.timers.schedule(this.graceMs, () => {
        this.reapTimers.delete(id);
        if (this.sessions.get(id) === entry && entry.session.clientCount === 0) void this.reap(entry.key);
      }),
    );
  }

  private cancelReap(id: string): void {
    this.reapTimers.get(id)?.dispose();
    this.reapTimers.delete(id);
  }
}

function keyOf(key: SessionKey): string {
  return `${key.learnerId}\u0000${key.lab}`;
}
