/** The byte channels a SPDY connection runs over: a raw (TLS) socket, or binary WebSocket messages (the v1.30+ tunnel). */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { ByteChannel } from './connection.ts';

export function socketChannel(socket: Duplex, head: Buffer): ByteChannel {
  return {
    write: (d) => {
      if (!socket.destroyed) socket.write(d);
    },
    onData: (cb) => {
      if (head.length) queueMicrotask(() => cb(head));
      socket.on('data', (d: Buffer) => cb(d));
    },
    onClose: (cb) => {
      socket.on('close', cb);
      socket.on('error', () => socket.destroy());
    },
    close: () => socket.end(),
  };
}

/** Each WebSocket message is a slice of the SPDY byte stream, in either direction (client-go `TunnelingConnection`). */
export function webSocketChannel(ws: WebSocket): ByteChannel {
  return {
    write: (d) => {
      if (ws.readyState === ws.OPEN) ws.send(d, { binary: true });
    },
    onData: (cb) => ws.on('message', (m: Buffer | ArrayBuffer | Buffer[]) => cb(Array.isArray(m) ? Buffer.concat(m) : Buffer.isBuffer(m) ? m : Buffer.from(m))),
    onClose: (cb) => {
      ws.on('close', cb);
      ws.on('error', () => ws.terminate());
    },
    close: () => {
      ws.close(1000);
      setTimeout(() => ws.terminate(), 5000).unref();
    },
  };
}
