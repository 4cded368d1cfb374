/**
 * Port-forward over SPDY (directly, or tunnelled in a WebSocket): for every local connection kubectl opens an
 * error stream and a data stream carrying the same `requestid` and `port` headers. We connect the data stream to
 * the pod's port; failures are written on the error stream; both streams end when either side is done.
 */
import { rec, str, type Obj } from '../container/cluster-reader.ts';
import type { RoutingDeps } from '../network/routing.ts';
import type { World } from '../container/world.ts';
import { connectToPod } from './pod-socket.ts';
import { SpdyServerConnection, type ByteChannel, type SpdyStream } from '../spdy/connection.ts';

interface Pair {
  error?: SpdyStream;
  data?: SpdyStream;
}

export function serveSpdyPortForward(world: World, deps: RoutingDeps, pod: Obj, channel: ByteChannel): SpdyServerConnection {
  const pairs = new Map<string, Pair>();
  const ns = str(rec(pod.metadata).namespace);
  const name = str(rec(pod.metadata).name);
  const start = (pair: Pair, port: number) => {
    const { error, data } = pair as Required<Pair>;
    const finish = () => {
      data.end();
      error.end();
    };
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      error.write(Buffer.from(`invalid port header value "${data.headers.get('port') ?? ''}"`));
      return finish();
    }
    const current = world.reader.pod(ns, name) ?? pod;
    const socket = connectToPod(deps, current, port, { write: (d) => data.write(d), end: finish });
    if ('error' in socket) {
      error.write(Buffer.from(socket.error));
      return finish();
    }
    data.onData((d) => socket.receive(d));
    data.onEnd(() => socket.clientEnded());
  };
  return new SpdyServerConnection(channel, (stream) => {
    const type = stream.headers.get('streamtype');
    const id = stream.headers.get('requestid') ?? stream.headers.get('port') ?? '';
    if (type !== 'error' && type !== 'data') return stream.end();
    const pair = pairs.get(id) ?? {};
    pair[type] = stream;
    pairs.set(id, pair);
    if (pair.error && pair.data) {
      pairs.delete(id);
      start(pair, Number(stream.headers.get('port')));
    }
  });
}
