/**
 * Exec and attach over SPDY/3.1, as the kubelet serves them to clients that do not speak WebSockets (kubectl
 * before 1.30, or after a failed WebSocket upgrade): the client opens one stream per standard stream plus `error`
 * and `resize`, each named by its `streamtype` header; the Status goes on the error stream.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { socketChannel } from '../spdy/channels.ts';
import { SpdyServerConnection, type SpdyStream } from '../spdy/connection.ts';
import type { ExecStreams } from '../session/streams.ts';
import { statusJson, statusText } from '../session/status.ts';
import { requestedStreams, type RequestedStreams } from './ws-streams.ts';

const SUPPORTED = ['v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];

/** How long the client has to open its streams (the kubelet's stream creation timeout). */
const STREAM_WAIT_MS = 30_000;

export type SpdyNegotiation = { ok: true; protocol: string } | { ok: false; body: string };

export function negotiateSpdy(req: IncomingMessage): SpdyNegotiation {
  const offered = (req.headersDistinct['x-stream-protocol-version'] ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (offered.length === 0) return { ok: true, protocol: 'channel.k8s.io' };
  const protocol = offered.find((p) => SUPPORTED.includes(p));
  if (protocol) return { ok: true, protocol };
  return { ok: false, body: `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server accepts [${SUPPORTED.join(' ')}]` };
}

function expected(req: RequestedStreams, protocol: string): string[] {
  const names = ['error'];
  if (req.stdin) names.push('stdin');
  if (req.stdout) names.push('stdout');
  if (req.stderr) names.push('stderr');
  if (req.tty && protocol !== 'channel.k8s.io' && protocol !== 'v2.channel.k8s.io') names.push('resize');
  return names;
}

/** Concatenated JSON objects, as the resize stream carries them. */
function jsonObjects(text: string): { objects: unknown[]; rest: string } {
  const objects: unknown[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{' && depth++ === 0) start = i;
    else if (text[i] === '}' && --depth === 0) {
      try {
        objects.push(JSON.parse(text.slice(start, i + 1)));
      } catch {
        // skip a malformed resize event
      }
      start = -1;
    }
  }
  return { objects, rest: start >= 0 ? text.slice(start) : '' };
}

/** Answers the upgrade, waits for the client's streams, then hands them to `run`. */
export function acceptSpdyExec(socket: Duplex, head: Buffer, query: URLSearchParams, protocol: string, run: (streams: ExecStreams) => void): void {
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\n\r\n`);
  const want = requestedStreams(query);
  const names = expected(want, protocol);
  const streams = new Map<string, SpdyStream>();
  const closeCbs: (() => void)[] = [];
  let finished = false;
  const conn = new SpdyServerConnection(socketChannel(socket, head), (s) => {
    const type = s.headers.get('streamtype') ?? '';
    if (!names.includes(type) || streams.has(type)) return s.end();
    streams.set(type, s);
    if (streams.size === names.length) {
      clearTimeout(timer);
      run(execStreams());
    }
  });
  const timer = setTimeout(() => conn.close(), STREAM_WAIT_MS);
  timer.unref();
  conn.onClose(() => {
    clearTimeout(timer);
    if (!finished) for (const cb of closeCbs) cb();
    finished = true;
  });
  const execStreams = (): ExecStreams => ({
    ...want,
    writeStdout: (t) => streams.get('stdout')?.write(Buffer.from(t, 'utf8')),
    writeStderr: (t) => (streams.get('stderr') ?? streams.get('stdout'))?.write(Buffer.from(t, 'utf8')),
    onStdin: (cb) => streams.get('stdin')?.onData((d) => cb(d.toString('utf8'))),
    onStdinEnd: (cb) => (streams.get('stdin') ? streams.get('stdin')!.onEnd(cb) : cb()),
    onResize: (cb) => {
      let pending = '';
      streams.get('resize')?.onData((d) => {
        const { objects, rest } = jsonObjects(pending + d.toString('utf8'));
        pending = rest;
        for (const o of objects as { Width?: number; Height?: number }[]) if (o.Width && o.Height) cb({ cols: o.Width, rows: o.Height });
      });
    },
    onClose: (cb) => closeCbs.push(cb),
    finish(status) {
      if (finished) return;
      finished = true;
      const error = streams.get('error')!;
      const v4 = protocol === 'v4.channel.k8s.io';
      const text = v4 ? JSON.stringify(statusJson(status, false)) : statusText(status, false);
      if (text) error.write(Buffer.from(text));
      for (const s of streams.values()) s.end();
      conn.close();
    },
    get backlog() {
      return socket.writableLength;
    },
  });
}
