/** Completing WebSocket handshakes with a subprotocol chosen beforehand (the `ws` server in no-server mode). */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/** Completes a WebSocket handshake answering with `protocol` ('' for none). */
export type UpgradeWebSocket = (req: IncomingMessage, socket: Duplex, head: Buffer, protocol: string, then: (ws: WebSocket) => void) => void;

export function createWebSocketUpgrader(): UpgradeWebSocket {
  const chosen = new WeakMap<IncomingMessage, string>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (_offered, req) => chosen.get(req) || false });
  return (req, socket, head, protocol, then) => {
    chosen.set(req, protocol);
    // `ws` accepts only RFC 7230 tokens in the offer; `SPDY/3.1+portforward.k8s.io` is not one (gorilla, on
    // both real ends, does not check). The answer is ours to choose, so the offer only needs to parse.
    if (req.headers['sec-websocket-protocol']) req.headers['sec-websocket-protocol'] = 'offered';
    wss.handleUpgrade(req, socket, head, then);
  };
}
