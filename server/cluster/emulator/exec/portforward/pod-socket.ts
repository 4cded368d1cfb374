/**
 * A TCP connection to a port inside a pod, as port-forward opens it from the pod's network namespace: HTTP servers
 * answer each request; other services accept and stay quiet (redis answers PING). Nothing listening gives the
 * container runtime's error text, which the kubelet sends on the error stream.
 */
import { createHash } from 'node:crypto';
import { rec, str, type Obj } from '../container/cluster-reader.ts';
import { podHostname } from '../container/etc-files.ts';
import { podListeners } from '../network/listeners.ts';
import { served, type RoutingDeps } from '../network/routing.ts';
import { serve } from '../network/servers.ts';
import { closesAfter, RequestParser, responseBytes } from './http-wire.ts';

export interface Peer {
  write(data: Buffer): void;
  end(): void;
}

export interface PodSocket {
  receive(data: Buffer): void;
  /** The client closed its side. */
  clientEnded(): void;
}

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** containerd's failure to dial the port, wrapped by the kubelet's streaming server. */
export function refusedMessage(pod: Obj, port: number): string {
  const uid = str(rec(pod.metadata).uid);
  const sandbox = hex(`${uid}/sandbox`);
  const n = hex(`${uid}/netns`);
  const netns = `cni-${n.slice(0, 8)}-${n.slice(8, 12)}-${n.slice(12, 16)}-${n.slice(16, 20)}-${n.slice(20, 32)}`;
  return `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace "/var/run/netns/${netns}": failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
}

export function connectToPod(deps: RoutingDeps, pod: Obj, port: number, peer: Peer): PodSocket | { error: string } {
  const listener = podListeners(pod, deps.images, (name) => deps.fsOf(pod, name)).find((l) => l.port === port);
  if (!listener) return { error: refusedMessage(pod, port) };
  let closed = false;
  const end = () => {
    if (closed) return;
    closed = true;
    peer.end();
  };
  if (!listener.http) {
    return {
      receive(data) {
        if (closed) return;
        const text = data.toString('latin1');
        if (str(listener.image.repository).endsWith('/redis')) peer.write(Buffer.from(/ping/i.test(text) ? '+PONG\r\n' : "-ERR unknown command\r\n"));
      },
      clientEnded: end,
    };
  }
  const parser = new RequestParser();
  return {
    receive(data) {
      if (closed) return;
      const requests = parser.push(data, '127.0.0.1');
      if (requests === 'bad') {
        peer.write(Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request'));
        return end();
      }
      for (const req of requests) {
        const fs = listener.server === 'nginx' || listener.server === 'httpd' ? deps.fsOf(pod, str(listener.container.name)) : undefined;
        const res = serve({ listener, hostname: podHostname(pod), ...(fs ? { fs } : {}), now: deps.now() }, req);
        if (res === 'empty') return end();
        served(deps, pod, str(listener.container.name), req, res);
        peer.write(responseBytes(req, res));
        if (closesAfter(req)) return end();
      }
    },
    clientEnded: end,
  };
}
