/** Adapts a `ws` WebSocket to the TerminalSocket that sessions speak. */
import type { RawData, WebSocket } from 'ws';
import type { TerminalSocket } from './types.ts';

/** Largest frame worth decoding; give `ws` the same `maxPayload` so bigger ones never arrive. */
export const MAX_TERMINAL_FRAME = 256 * 1024;

export function wsTerminalSocket(ws: WebSocket): TerminalSocket {
  return {
    send: (frame) => {
      if (ws.readyState === ws.OPEN) ws.send(frame);
    },
    close: (code, reason) => ws.close(code, reason),
    onMessage(listener) {
      const handler = (data: RawData, isBinary: boolean) => {
        const text = isBinary ? undefined : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
        if (text !== undefined && text.length <= MAX_TERMINAL_FRAME) listener(text);
      };
      ws.on('message', handler);
      return { dispose: () => ws.off('message', handler) };
    },
    onClose(listener) {
      const handler = () => listener();
      ws.on('close', handler);
      return { dispose: () => ws.off('close', handler) };
    },
  };
}
