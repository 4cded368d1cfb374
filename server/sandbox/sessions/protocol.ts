/**
 * The terminal's WebSocket messages (pure). Text frames whose first character says what they are:
 *
 * client → server
 *   `i<data>`          keystrokes or a paste, as xterm.js's onData gives them
 *   `r<cols>,<rows>`   the client's terminal size (only the first writable client's counts)
 *   `a<count>`         the client has rendered `count` more characters of output (see FlowControl);
 *                      a client must ack, e.g. every 16 Ki characters from xterm's write callback,
 *                      or it is dropped once it falls 128 Ki characters behind for 10 s
 * server → client
 *   `o<data>`          output to write to the terminal (the first one after attaching redraws the
 *                      current screen); acks count the characters of `data`
 *   `s<json>`          status: `{"readOnly":bool,"shell":"running"|"exited"}`
 */

export type ClientMessage =
  | { type: 'input'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'ack'; count: number }
  | { type: 'invalid'; reason: string };

export interface SessionStatus {
  readOnly: boolean;
  shell: 'running' | 'exited';
}

export function decodeClientMessage(frame: string, maxInput: number): ClientMessage {
  const kind = frame[0];
  const body = frame.slice(1);
  switch (kind) {
    case 'i':
      return body.length > maxInput ? { type: 'invalid', reason: `input of ${body.length} characters is more than ${maxInput}` } : { type: 'input', data: body };
    case 'r': {
      const m = /^(\d{1,4}),(\d{1,4})$/.exec(body);
      const cols = Number(m?.[1]);
      const rows = Number(m?.[2]);
      return m && cols > 0 && rows > 0 ? { type: 'resize', cols, rows } : { type: 'invalid', reason: 'bad resize' };
    }
    case 'a': {
      const count = /^\d{1,10}$/.test(body) ? Number(body) : NaN;
      return Number.isFinite(count) ? { type: 'ack', count } : { type: 'invalid', reason: 'bad ack' };
    }
    default:
      return { type: 'invalid', reason: `unknown message kind ${JSON.stringify(kind ?? '')}` };
  }
}

export const encodeOutput = (data: string): string => `o${data}`;
export const encodeStatus = (status: SessionStatus): string => `s${JSON.stringify(status)}`;

/** Close codes a client may see. */
export const CloseCode = {
  /** The session was reaped or the server is shutting down. */
  ended: 4000,
  /** The client fell too far behind on acks. */
  tooSlow: 4001,
  /** The session already has as many clients as it allows. */
  tooManyClients: 4002,
  /** The shell could not be started. */
  startFailed: 4003,
} as const;
