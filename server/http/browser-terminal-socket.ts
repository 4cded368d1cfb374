import type { RawData, WebSocket } from 'ws';
import type { TermClientMessage, TermServerMessage } from '../../src/lib/labs/api.ts';
import type { TerminalSocket } from '../sandbox/sessions/types.ts';

/** Largest frame accepted from a browser (a big paste fits; anything larger is refused by `ws`). */
export const MAX_BROWSER_FRAME = 256 * 1024;

/**
 * Speaks the lab page's protocol (src/lib/labs/api.ts: binary frames are terminal bytes, text frames
 * JSON control messages) to the terminal sessions, which speak their own text protocol (`i`, `r`, `a`
 * from the client; `o`, `s` from the server). Acks come in bytes and are turned back into the
 * characters the sessions count.
 */
export function browserTerminalSocket(ws: WebSocket): TerminalSocket {
  const sent = new AckLedger();
  let readySent = false;
  // The page sends its size as soon as the socket opens, before the session is attached: keep those
  // frames until someone listens.
  const early: string[] = [];
  let deliver: ((frame: string) => void) | undefined;
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const frame = toFrame(data, isBinary, sent);
    if (frame === undefined) return;
    if (deliver) deliver(frame);
    else if (early.length < 64) early.push(frame);
  });
  const send = (message: TermServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  return {
    send(frame) {
      if (ws.readyState !== ws.OPEN) return;
      if (frame.startsWith('o')) {
        const data = frame.slice(1);
        const bytes = Buffer.from(data, 'utf8');
        sent.sent(bytes.length, data.length);
        ws.send(bytes, { binary: true });
      } else if (frame.startsWith('s')) {
        const status = JSON.parse(frame.slice(1)) as { shell: 'running' | 'exited' };
        if (status.shell === 'exited') send({ type: 'exit', code: null, message: 'The shell has exited.' });
        else if (!readySent) {
          readySent = true;
          send({ type: 'ready', restored: false });
        }
      }
    },
    close: (code, reason) => ws.close(code, reason),
    onMessage(listener) {
      deliver = listener;
      for (const frame of early.splice(0)) listener(frame);
      return {
        dispose: () => {
          if (deliver === listener) deliver = undefined;
        },
      };
    },
    onClose(listener) {
      const handler = () => listener();
      ws.on('close', handler);
      return { dispose: () => ws.off('close', handler) };
    },
  };
}

/** A browser frame as the sessions' text protocol: `i` input, `r` resize, `a` ack (in characters). */
function toFrame(data: RawData, isBinary: boolean, sent: AckLedger): string | undefined {
  const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  if (isBinary) return `i${buf.toString('utf8')}`;
  const message = parseControl(buf.toString('utf8'));
  if (message?.type === 'resize') return `r${message.cols},${message.rows}`;
  if (message?.type === 'ack') return `a${sent.acked(message.bytes)}`;
  return undefined;
}

function parseControl(text: string): TermClientMessage | undefined {
  try {
    const m = JSON.parse(text) as TermClientMessage;
    if (m.type === 'resize' && Number.isInteger(m.cols) && Number.isInteger(m.rows)) return m;
    if (m.type === 'ack' && Number.isInteger(m.bytes) && m.bytes >= 0) return m;
  } catch {
    // Not JSON: ignored, like any unknown message.
  }
  return undefined;
}

/** Frames sent as bytes and characters, so that acknowledged bytes convert to characters exactly. Pure. */
export class AckLedger {
  private readonly frames: { bytes: number; chars: number }[] = [];
  private partial = 0;

  sent(bytes: number, chars: number): void {
    if (bytes > 0) this.frames.push({ bytes, chars });
  }

  /** Characters covered by `bytes` more acknowledged bytes. */
  acked(bytes: number): number {
    let left = bytes + this.partial;
    let chars = 0;
    while (this.frames.length > 0 && left >= this.frames[0]!.bytes) {
      const f = this.frames.shift()!;
      left -= f.bytes;
      chars += f.chars;
    }
    this.partial = this.frames.length > 0 ? left : 0;
    return chars;
  }
}
