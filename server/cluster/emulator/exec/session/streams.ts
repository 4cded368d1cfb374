/** The client side of an exec or attach session, whatever carries it (WebSocket channels or SPDY streams). */
import type { ExecStatus } from './status.ts';

export interface ExecStreams {
  readonly stdin: boolean;
  readonly stdout: boolean;
  readonly stderr: boolean;
  readonly tty: boolean;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
  onStdin(cb: (text: string) => void): void;
  /** The client closed its stdin (v5 close signal) or went away. */
  onStdinEnd(cb: () => void): void;
  onResize(cb: (size: { cols: number; rows: number }) => void): void;
  /** The client went away: the process should stop. */
  onClose(cb: () => void): void;
  /** Sends the final status and closes the connection. Later writes are dropped. */
  finish(status: ExecStatus): void;
  /** Bytes queued for the client and not yet sent (for flow control). */
  readonly backlog: number;
}
