/**
 * The kubelet's own WebSocket port-forward (`v4.channel.k8s.io`, ports in `?port=`): per port a data channel (2n)
 * and an error channel (2n+1), each opened by the server with the port as two little-endian bytes.
 */
import type { WebSocket } from 'ws';
import type { Obj } from '../container/cluster-reader.ts';
import type { RoutingDeps } from '../network/routing.ts';
import { decodeFrame, encodeFrame, type ChannelProtocol } from '../transport/channels.ts';
import { connectToPod, type PodSocket } from './pod-socket.ts';

export function parsePorts(query: URLSearchParams): number[] | string {
  const values = query.getAll('port');
  if (values.length === 0) return 'query parameter "port" is required';
  const ports: number[] = [];
  for (const v of values) {
    if (v === '') return 'query parameter "port" cannot be empty';
    for (const p of v.split(',')) {
      const n = Number(p);
      if (!/^\d+$/.test(p) || n > 65535) return `unable to parse "${v}" as a port: strconv.ParseUint: parsing "${p}": invalid syntax`;
      if (n < 1) return `port "${v}" must be > 0`;
      ports.push(n);
    }
  }
  return ports;
}

export function serveChannelPortForward(deps: RoutingDeps, pod: Obj, ws: WebSocket, protocol: ChannelProtocol, ports: number[]): void {
  const send = (channel: number, data: Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeFrame(protocol, channel, data));
  };
  const sockets = new Map<number, PodSocket>();
  let open = ports.length;
  const done = () => {
    if (--open === 0) ws.close(1000);
  };
  ports.forEach((port, i) => {
    const le = Buffer.alloc(2);
    le.writeUInt16LE(port);
    send(2 * i, le);
    send(2 * i + 1, le);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      done();
    };
    const socket = connectToPod(deps, pod, port, { write: (d) => send(2 * i, d), end });
    if ('error' in socket) {
      send(2 * i + 1, Buffer.from(socket.error));
      end();
    } else sockets.set(2 * i, socket);
  });
  ws.on('message', (m: Buffer | ArrayBuffer | Buffer[]) => {
    const frame = decodeFrame(protocol, Array.isArray(m) ? Buffer.concat(m) : Buffer.isBuffer(m) ? m : Buffer.from(m));
    if (frame) sockets.get(frame.channel)?.receive(frame.data);
  });
  ws.on('close', () => {
    for (const s of sockets.values()) s.clientEnded();
  });
}
