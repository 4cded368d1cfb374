import type { TermClientMessage, TermServerMessage } from '../../lib/labs/api.ts';
import { AckBatcher } from './flow.ts';
import { socketUrl } from './http.ts';
import { ReconnectingSocket } from './socket.ts';
import type { LabTerminal } from './terminal.ts';

export type TermState =
  | { kind: 'connecting' }
  | { kind: 'ready'; restored: boolean }
  | { kind: 'reconnecting'; retryInMs?: number }
  | { kind: 'exited'; code: number | null; message: string }
  | { kind: 'unauthorized' }
  /** The server will not have this connection (not allowed, or too many). */
  | { kind: 'refused'; reason: string };

/** Close codes a server uses to say "do not come back": not joined, or not allowed. */
const FINAL_CLOSE = new Set([4401, 4403, 1008]);

/**
 * Joins the terminal on the page to the learner's shell over `/term`: binary frames are terminal
 * bytes both ways, text frames are JSON control messages; acks for flow control, resize on fit.
 */
export class TermConnection {
  private readonly socket: ReconnectingSocket;
  private readonly acks: AckBatcher;
  private readonly encoder = new TextEncoder();
  private exited = false;
  private generation = 0;

  constructor(
    private readonly terminal: LabTerminal,
    lab: string,
    private readonly onState: (state: TermState) => void,
  ) {
    this.acks = new AckBatcher((bytes) => this.control({ type: 'ack', bytes }));
    this.socket = new ReconnectingSocket({
      url: () => socketUrl('/term', { lab }),
      onOpen: () => {
        this.generation++;
        this.acks.reset();
        // The server sends the screen as it is now: start from an empty one.
        this.terminal.reset();
        this.sendSize();
      },
      onMessage: (event) => this.receive(event),
      onState: (state, detail) => {
        if (state === 'connecting') this.onState({ kind: 'connecting' });
        else if (state === 'reconnecting') this.onState({ kind: 'reconnecting', ...(detail.retryInMs !== undefined ? { retryInMs: detail.retryInMs } : {}) });
        else if (state === 'closed' && !this.exited) {
          this.onState(detail.code === 4401 ? { kind: 'unauthorized' } : { kind: 'refused', reason: detail.reason ?? '' });
        }
      },
      shouldReconnect: (event) => !this.exited && !FINAL_CLOSE.has(event.code),
    });
    terminal.onInput((data) => this.input(data));
    terminal.onBinaryInput((data) => this.socket.send(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff)));
    terminal.onResize(() => this.sendSize());
  }

  connect(): void {
    this.exited = false;
    this.socket.connect();
  }

  get connected(): boolean {
    return this.socket.isOpen && !this.exited;
  }

  /** Text typed (or run from a code block) into the shell; false when there is no connection. */
  input(data: string): boolean {
    return this.socket.send(this.encoder.encode(data));
  }

  /** After `exit`: a new shell. */
  restart(): void {
    this.exited = false;
    this.socket.retryNow();
  }

  dispose(): void {
    this.socket.dispose();
  }

  private receive(event: MessageEvent): void {
    if (typeof event.data === 'string') {
      let message: TermServerMessage;
      try {
        message = JSON.parse(event.data) as TermServerMessage;
      } catch {
        return;
      }
      if (message.type === 'ready') this.onState({ kind: 'ready', restored: message.restored });
      else if (message.type === 'exit') {
        this.exited = true;
        this.onState({ kind: 'exited', code: message.code, message: message.message });
      }
      return;
    }
    const bytes = new Uint8Array(event.data as ArrayBuffer);
    const generation = this.generation;
    this.terminal.write(bytes, () => {
      if (generation === this.generation) this.acks.written(bytes.byteLength);
    });
  }

  private sendSize(): void {
    const { cols, rows } = this.terminal.size();
    this.control({ type: 'resize', cols, rows });
  }

  private control(message: TermClientMessage): void {
    this.socket.send(JSON.stringify(message));
  }
}
