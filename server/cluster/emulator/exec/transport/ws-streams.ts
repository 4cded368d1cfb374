/** ExecStreams over a WebSocket speaking one of the channel subprotocols. */
import type { WebSocket } from 'ws';
import type { ExecStreams } from '../session/streams.ts';
import { statusJson, statusText, type ExecStatus } from '../session/status.ts';
import { CLOSE, decodeFrame, encodeFrame, ERROR, RESIZE, STDERR, STDIN, STDOUT, type ChannelProtocol } from './channels.ts';

export interface RequestedStreams {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export function requestedStreams(query: URLSearchParams): RequestedStreams {
  const flag = (name: string) => ['true', '1'].includes(query.get(name) ?? '');
  const tty = flag('tty');
  return { stdin: flag('stdin'), stdout: flag('stdout'), stderr: flag('stderr') && !tty, tty };
}

export function wsExecStreams(ws: WebSocket, protocol: ChannelProtocol, req: RequestedStreams, translated: boolean): ExecStreams {
  let finished = false;
  const stdinCbs: ((t: string) => void)[] = [];
  const endCbs: (() => void)[] = [];
  const resizeCbs: ((s: { cols: number; rows: number }) => void)[] = [];
  const closeCbs: (() => void)[] = [];
  let stdinEnded = false;
  const endStdin = () => {
    if (stdinEnded) return;
    stdinEnded = true;
    for (const cb of endCbs) cb();
  };
  const send = (channel: number, data: Buffer) => {
    if (finished || ws.readyState !== ws.OPEN) return;
    ws.send(encodeFrame(protocol, channel, data));
  };
  ws.on('message', (raw: Buffer | ArrayBuffer | Buffer[]) => {
    const buf = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    const frame = decodeFrame(protocol, buf);
    if (!frame) return;
    if (frame.channel === STDIN && req.stdin) {
      const text = frame.data.toString('utf8');
      for (const cb of stdinCbs) cb(text);
    } else if (frame.channel === RESIZE) {
      try {
        const size = JSON.parse(frame.data.toString('utf8')) as { Width?: number; Height?: number };
        if (size.Width && size.Height) for (const cb of resizeCbs) cb({ cols: size.Width, rows: size.Height });
      } catch {
        // A malformed resize is ignored, as the kubelet logs and drops it.
      }
    } else if (protocol.closeSignal && frame.channel === CLOSE && frame.data[0] === STDIN) endStdin();
  });
  ws.on('close', () => {
    endStdin();
    if (!finished) for (const cb of closeCbs) cb();
    finished = true;
  });
  ws.on('error', () => ws.terminate());
  // The lowest writable channel gets an empty message once the streams are set up.
  send(req.stdout ? STDOUT : req.stderr ? STDERR : ERROR, Buffer.alloc(0));
  return {
    ...req,
    writeStdout: (text) => send(STDOUT, Buffer.from(text, 'utf8')),
    writeStderr: (text) => send(req.tty ? STDOUT : STDERR, Buffer.from(text, 'utf8')),
    onStdin: (cb) => stdinCbs.push(cb),
    onStdinEnd: (cb) => endCbs.push(cb),
    onResize: (cb) => resizeCbs.push(cb),
    onClose: (cb) => closeCbs.push(cb),
    finish(status: ExecStatus) {
      if (finished) return;
      if (protocol.statusJson) send(ERROR, Buffer.from(JSON.stringify(statusJson(status, translated))));
      else {
        const text = statusText(status, translated);
        if (text) send(ERROR, Buffer.from(text));
      }
      finished = true;
      ws.close(1000);
      // A client that never answers the close handshake must not keep the socket.
      setTimeout(() => ws.terminate(), 5000).unref();
    },
    get backlog() {
      return ws.bufferedAmount;
    },
  };
}
