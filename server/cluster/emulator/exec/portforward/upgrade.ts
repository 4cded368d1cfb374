/**
 * `kubectl port-forward`: kubectl 1.32 first asks for a WebSocket carrying SPDY (`SPDY/3.1+portforward.k8s.io`,
 * client-go `tools/portforward/tunneling_dialer.go`) and falls back to a plain SPDY/3.1 upgrade. The kubelet's
 * channel protocol (`v4.channel.k8s.io` with `?port=`) serves other WebSocket clients.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { errors } from '../../meta/errors.ts';
import type { Obj } from '../container/cluster-reader.ts';
import { routingDeps } from '../container/container-system.ts';
import type { World } from '../container/world.ts';
import type { UpgradeWebSocket } from '../transport/ws-upgrade.ts';
import { negotiate, offeredProtocols, PORTFORWARD_CHANNEL_PROTOCOLS } from '../transport/channels.ts';
import { replyError, replyForbidden } from '../transport/http-reply.ts';
import { socketChannel, webSocketChannel } from '../spdy/channels.ts';
import { serveSpdyPortForward } from './spdy-forward.ts';
import { parsePorts, serveChannelPortForward } from './ws-forward.ts';

export const PORTFORWARD_V1 = 'portforward.k8s.io';
export const TUNNELED = `SPDY/3.1+${PORTFORWARD_V1}`;

export interface PortForwardStart {
  world: World;
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  pod: Obj;
  query: URLSearchParams;
  upgradeWebSocket: UpgradeWebSocket;
}

function spdyVersions(req: IncomingMessage): string[] {
  const raw = req.headersDistinct['x-stream-protocol-version'] ?? [];
  return raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function startPortForward(s: PortForwardStart): void {
  const { world, req, socket, head, pod } = s;
  const deps = routingDeps(world);
  const upgrade = (req.headers.upgrade ?? '').toLowerCase();
  if (upgrade === 'websocket') {
    const offered = offeredProtocols(req.headers['sec-websocket-protocol']);
    if (offered.includes(TUNNELED)) {
      return s.upgradeWebSocket(req, socket, head, TUNNELED, (ws) => {
        serveSpdyPortForward(world, deps, pod, webSocketChannel(ws));
      });
    }
    const protocol = negotiate(offered, PORTFORWARD_CHANNEL_PROTOCOLS);
    if (!protocol) return replyForbidden(socket);
    const ports = parsePorts(s.query);
    if (typeof ports === 'string') return replyError(socket, errors.badRequest(ports));
    return s.upgradeWebSocket(req, socket, head, protocol.name, (ws) => serveChannelPortForward(deps, pod, ws, protocol, ports));
  }
  if (upgrade.startsWith('spdy/')) {
    const versions = spdyVersions(req);
    if (versions.length && !versions.includes(PORTFORWARD_V1)) {
      const body = `unable to upgrade: unable to negotiate protocol: client supports [${versions.join(' ')}], server accepts [${PORTFORWARD_V1}]`;
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${PORTFORWARD_V1}\r\n\r\n`);
    serveSpdyPortForward(world, deps, pod, socketChannel(socket, head));
    return;
  }
  replyError(socket, errors.badRequest('Upgrade request required'));
}
