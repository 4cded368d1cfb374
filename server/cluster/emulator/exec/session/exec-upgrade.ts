/**
 * Exec and attach requests: checked as kube-apiserver checks them, then served over a WebSocket channel protocol
 * (v5 through the API server's stream translator) or over SPDY (straight to the kubelet, older clients).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { errors } from '../../meta/errors.ts';
import type { Obj } from '../container/cluster-reader.ts';
import type { World } from '../container/world.ts';
import { isRunning } from '../network/listeners.ts';
import { EXEC_PROTOCOLS, negotiate, offeredProtocols } from '../transport/channels.ts';
import { replyForbidden, replyText } from '../transport/http-reply.ts';
import { acceptSpdyExec, negotiateSpdy } from '../transport/spdy-exec.ts';
import type { UpgradeWebSocket } from '../transport/ws-upgrade.ts';
import { requestedStreams, wsExecStreams } from '../transport/ws-streams.ts';
import { attachSession, type AttachHooks } from './attach-session.ts';
import { execSession } from './exec-session.ts';
import type { ExecStreams } from './streams.ts';
import { execOptionsError, execTarget } from './target.ts';

export interface ExecUpgrade {
  world: World;
  hooks: AttachHooks;
  upgradeWebSocket: UpgradeWebSocket;
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  pod: Obj;
  subresource: string;
  query: URLSearchParams;
}

const upgradeOf = (req: IncomingMessage) => (req.headers.upgrade ?? '').toLowerCase();

/** Throws the API server's 400s; answers everything else itself. */
export function startExecUpgrade(u: ExecUpgrade): void {
  const optionsError = execOptionsError(u.query, u.subresource);
  if (optionsError) throw optionsError;
  const target = execTarget(u.pod, u.query);
  if (!target.ok) throw target.error;
  const container = target.container;
  const run = (streams: ExecStreams, translated: boolean) => {
    const session =
      u.subresource === 'attach'
        ? attachSession(u.world, u.pod, container, streams, u.hooks, { translated })
        : execSession(u.world, u.pod, container, u.query.getAll('command'), streams, { translated });
    void session.catch((e) => streams.finish({ kind: 'internal', message: String(e) }));
  };
  const upgrade = upgradeOf(u.req);
  if (upgrade.startsWith('spdy/')) {
    const negotiated = negotiateSpdy(u.req);
    if (!negotiated.ok) return replyText(u.socket, 403, negotiated.body);
    // The kubelet refuses the upgrade itself when the container is not running.
    if (!isRunning(u.pod, container)) return replyText(u.socket, 500, `container not found ("${container}")`);
    return acceptSpdyExec(u.socket, u.head, u.query, negotiated.protocol, (streams) => run(streams, false));
  }
  if (upgrade !== 'websocket') throw errors.badRequest('Upgrade request required');
  const protocol = negotiate(offeredProtocols(u.req.headers['sec-websocket-protocol']), EXEC_PROTOCOLS);
  if (!protocol) return replyForbidden(u.socket);
  const requested = requestedStreams(u.query);
  u.upgradeWebSocket(u.req, u.socket, u.head, protocol.name, (ws) => run(wsExecStreams(ws, protocol, requested, protocol.closeSignal), protocol.closeSignal));
}
