/**
 * One learner's terminal in one lab: the sandboxed shell, the server's mirror of its screen, and the
 * clients attached to it. Output goes to the mirror and every client under flow control; input comes
 * from writable clients only; the first writable client sets the size. The manager
 * (TerminalSessions) decides when a session starts and ends.
 */
import type { Disposable, Sandbox } from '../driver.ts';
import { PromptMarkerFilter } from '../prompt-marker.ts';
import { FlowControl } from './flow-control.ts';
import { OutputBudget } from './output-budget.ts';
import { CloseCode, decodeClientMessage, encodeOutput, encodeStatus } from './protocol.ts';
import { ScreenMirror } from './screen-mirror.ts';
import type { SessionLimits } from './session-limits.ts';
import type { TerminalSocket, Timers } from './types.ts';

export const RESTARTED_NOTICE = '\r\n(session restarted: your files and cluster are as you left them)\r\n';
/** Turns off what a saved screen may have left on: colours, a hidden cursor, an editor's alternate screen. */
function resetModes(screen: string): string {
  return `\x1b[0m\x1b[?25h${screen.includes('\x1b[?1049h') ? '\x1b[?1049l' : ''}`;
}
export const EXITED_NOTICE = '\r\n(the shell has exited: press Enter to start a new one)\r\n';

const MIRROR = '#mirror';

export interface SessionDeps {
  /** Starts the shell (the manager binds the driver and the learner's spec). */
  startSandbox(size: { cols: number; rows: number }): Promise<Sandbox>;
  timers: Timers;
  limits: SessionLimits;
  onPrompt(): void;
  /** The last client left. */
  onIdle(): void;
  warn(message: string): void;
}

export interface AttachOptions {
  readOnly?: boolean;
  /** The client's terminal size, if known. */
  cols?: number;
  rows?: number;
}

/** A client's handle on the session. */
export interface Attachment {
  readonly id: string;
  readonly readOnly: boolean;
  /** Leaves the session (also happens when the socket closes). */
  detach(): void;
}

interface Client {
  id: string;
  socket: TerminalSocket;
  readOnly: boolean;
  size: { cols: number; rows: number } | undefined;
  /** Output that arrived while the client's first screen was being prepared. */
  queue: string[] | undefined;
  listeners: Disposable[];
}

type PauseReason = 'flow' | 'budget' | 'detached';

export class TerminalSession {
  private sandbox: Sandbox | undefined;
  private sandboxListeners: Disposable[] = [];
  private shell: 'starting' | 'running' | 'exited' | 'ended' = 'starting';
  private readonly mirror: ScreenMirror;
  private readonly clients = new Map<string, Client>();
  private readonly flow: FlowControl;
  private readonly budget: OutputBudget;
  private readonly pauses = new Set<PauseReason>();
  private paused = false;
  private promptFilter = new PromptMarkerFilter();
  private flowCheck: Disposable | undefined;
  /** When the pending flow check runs (so it is not rescheduled for every chunk of output). */
  private flowCheckAt: number | undefined;
  private budgetTimer: Disposable | undefined;
  private detachedChars = 0;
  private seq = 0;

  constructor(private readonly deps: SessionDeps, size: { cols: number; rows: number }) {
    this.mirror = new ScreenMirror({ ...size, scrollback: deps.limits.scrollback });
    this.flow = new FlowControl(deps.limits.flow);
    this.flow.add(MIRROR, { droppable: false });
    this.budget = new OutputBudget(deps.limits.budget);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get state(): 'starting' | 'running' | 'exited' | 'ended' {
    return this.shell;
  }

  /** Starts the shell; `previousScreen` (from before a reap or restart) is shown above it. */
  async start(previousScreen?: string): Promise<void> {
    if (previousScreen) {
      this.mirror.write(previousScreen + resetModes(previousScreen) + RESTARTED_NOTICE);
    }
    await this.startShell();
  }

  attach(socket: TerminalSocket, opts: AttachOptions = {}): Attachment | undefined {
    if (this.shell === 'ended') {
      socket.close(CloseCode.ended, 'session ended');
      return undefined;
    }
    if (this.clients.size >= this.deps.limits.maxClients) {
      socket.close(CloseCode.tooManyClients, 'too many clients');
      return undefined;
    }
    const id = `c${++this.seq}`;
    const client: Client = {
      id,
      socket,
      readOnly: opts.readOnly ?? false,
      size: opts.cols && opts.rows ? { cols: opts.cols, rows: opts.rows } : undefined,
      queue: [],
      listeners: [],
    };
    this.clients.set(id, client);
    this.flow.add(id);
    client.listeners.push(
      socket.onMessage((frame) => this.onFrame(client, frame)),
      socket.onClose(() => this.detach(id)),
    );
    socket.send(encodeStatus({ readOnly: client.readOnly, shell: this.shell === 'exited' ? 'exited' : 'running' }));
    this.detachedChars = 0;
    this.setPause('detached', false);
    if (this.primary() === client) this.applySize();
    void this.mirror.snapshot().then((screen) => {
      if (!this.clients.has(id) || !client.queue) return;
      if (screen) {
        socket.send(encodeOutput(screen));
        this.applyFlow(this.flow.sent(screen.length, this.deps.timers.now(), id));
      }
      for (const data of client.queue) socket.send(encodeOutput(data));
      client.queue = undefined;
    });
    return { id, readOnly: client.readOnly, detach: () => this.detach(id) };
  }

  /** Kills the shell and closes every client; returns the last screen (`scrollback` lines above it). */
  async end(reason: string, scrollback: number): Promise<string> {
    if (this.shell === 'ended') return '';
    this.shell = 'ended';
    this.flowCheck?.dispose();
    this.budgetTimer?.dispose();
    const sandbox = this.sandbox;
    this.disposeSandbox();
    await sandbox?.kill();
    const screen = await this.mirror.snapshot(scrollback);
    for (const client of [...this.clients.values()]) this.drop(client, CloseCode.ended, reason);
    this.mirror.dispose();
    return screen;
  }

  private async startShell(): Promise<void> {
    this.shell = 'starting';
    const size = this.primary()?.size ?? { cols: this.mirror.cols, rows: this.mirror.rows };
    const sandbox = await this.deps.startSandbox(size);
    if ((this.shell as string) === 'ended') {
      await sandbox.kill();
      return;
    }
    this.sandbox = sandbox;
    this.promptFilter = new PromptMarkerFilter();
    this.paused = false;
    this.sandboxListeners = [sandbox.onData((data) => this.onOutput(data)), sandbox.onExit(() => this.onExit())];
    this.shell = 'running';
    this.applySize();
    this.applyPause();
  }

  private onOutput(raw: string): void {
    const { text, prompts } = this.promptFilter.push(raw);
    for (let i = 0; i < prompts; i++) this.deps.onPrompt();
    if (text) this.broadcast(text);
  }

  private broadcast(text: string): void {
    const now = this.deps.timers.now();
    this.mirror.write(text, () => this.applyFlow(this.flow.acked(MIRROR, text.length, this.deps.timers.now())));
    let frame: string | undefined;
    for (const client of this.clients.values()) {
      if (client.queue) client.queue.push(text);
      else client.socket.send((frame ??= encodeOutput(text)));
    }
    this.applyFlow(this.flow.sent(text.length, now));
    const wait = this.budget.take(text.length, now);
    if (wait > 0 && !this.budgetTimer) {
      this.setPause('budget', true);
      this.budgetTimer = this.deps.timers.schedule(wait, () => {
        this.budgetTimer = undefined;
        this.setPause('budget', false);
      });
    }
    if (this.clients.size === 0) {
      // Nobody watching: the shell may run ahead a little, then waits (like a terminal on scroll lock).
      this.detachedChars += text.length;
      if (this.detachedChars > this.deps.limits.detachedOutput) this.setPause('detached', true);
    }
  }

  private onExit(): void {
    if (this.shell === 'ended') return;
    const tail = this.promptFilter.flush();
    this.disposeSandbox();
    this.shell = 'exited';
    this.pauses.clear();
    this.paused = false;
    this.broadcast(tail + EXITED_NOTICE);
    for (const client of this.clients.values()) client.socket.send(encodeStatus({ readOnly: client.readOnly, shell: 'exited' }));
  }

  private onFrame(client: Client, frame: string): void {
    const message = decodeClientMessage(frame, this.deps.limits.maxInput);
    switch (message.type) {
      case 'input':
        if (client.readOnly) return;
        if (this.shell === 'running') this.sandbox?.write(message.data);
        else if (this.shell === 'exited') void this.restart();
        return;
      case 'resize':
        client.size = { cols: message.cols, rows: message.rows };
        if (this.primary() === client) this.applySize();
        return;
      case 'ack':
        this.applyFlow(this.flow.acked(client.id, message.count, this.deps.timers.now()));
        return;
      case 'invalid':
        if (frame.startsWith('i') && !client.readOnly) {
          client.socket.send(encodeOutput(`\r\n(podium: ${message.reason}; nothing was typed)\r\n`));
        }
        return;
    }
  }

  private async restart(): Promise<void> {
    try {
      await this.startShell();
    } catch (err) {
      this.shell = 'exited';
      this.deps.warn(`terminal: restarting the shell failed: ${(err as Error).message}`);
      this.broadcast('\r\n(the shell could not be started; try again in a moment)\r\n');
    }
  }

  private detach(id: string): void {
    const client = this.clients.get(id);
    if (!client) return;
    const wasPrimary = this.primary() === client;
    for (const l of client.listeners) l.dispose();
    this.clients.delete(id);
    this.applyFlow(this.flow.remove(id));
    if (wasPrimary) this.applySize();
    if (this.clients.size === 0) {
      this.detachedChars = 0;
      if (this.shell !== 'ended') this.deps.onIdle();
    }
  }

  private drop(client: Client, code: number, reason: string): void {
    this.detach(client.id);
    try {
      client.socket.close(code, reason);
    } catch {
      // Already closed.
    }
  }

  /** The first writable client: its size is the terminal's. */
  private primary(): Client | undefined {
    for (const client of this.clients.values()) if (!client.readOnly) return client;
    return undefined;
  }

  private applySize(): void {
    const size = this.primary()?.size;
    if (!size) return;
    this.mirror.resize(size.cols, size.rows);
    if (this.shell === 'running') this.sandbox?.resize(size.cols, size.rows);
  }

  private applyFlow(decision: { paused: boolean; drop: string[] }): void {
    for (const id of decision.drop) {
      const client = this.clients.get(id);
      if (client) this.drop(client, CloseCode.tooSlow, 'too far behind');
    }
    this.setPause('flow', this.flow.isPaused);
    const next = this.shell === 'ended' ? undefined : this.flow.nextCheck();
    if (next === this.flowCheckAt) return;
    this.flowCheck?.dispose();
    this.flowCheck = undefined;
    this.flowCheckAt = next;
    if (next !== undefined) {
      this.flowCheck = this.deps.timers.schedule(Math.max(0, next - this.deps.timers.now()), () => {
        this.flowCheck = undefined;
        this.flowCheckAt = undefined;
        this.applyFlow(this.flow.check(this.deps.timers.now()));
      });
    }
  }

  private setPause(reason: PauseReason, on: boolean): void {
    if (on) this.pauses.add(reason);
    else this.pauses.delete(reason);
    this.applyPause();
  }

  private applyPause(): void {
    const want = this.pauses.size > 0;
    if (want === this.paused || !this.sandbox || this.shell !== 'running') return;
    this.paused = want;
    if (want) this.sandbox.pause();
    else this.sandbox.resume();
  }

  private disposeSandbox(): void {
    for (const l of this.sandboxListeners) l.dispose();
    this.sandboxListeners = [];
    this.sandbox = undefined;
  }
}
