import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LabService } from '../labs/lab-service.ts';
import type { LiveHub } from '../labs/live-hub.ts';
import type { TerminalSessions } from '../sandbox/sessions/terminal-sessions.ts';
import type { Learner } from '../store/learners.ts';
import { browserTerminalSocket, MAX_BROWSER_FRAME } from './browser-terminal-socket.ts';
import { learnerFrom, sameOrigin, type RoutePieces } from './routes.ts';

export interface SocketPieces {
  routes: Pick<RoutePieces, 'cookies' | 'learners'>;
  labs: LabService;
  live: LiveHub;
  terminals: TerminalSessions;
}

/** Close codes the lab page understands. */
export const Close = { unauthorized: 4401, forbidden: 4403, notFound: 4404 } as const;

/**
 * The lab page's WebSockets: `/term?lab=<lab>` (the learner's shell) and `/live?lab=<lab>` (step
 * updates). Every upgrade is checked for origin and session before anything else happens.
 */
export interface SocketHandler {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every open socket (they would otherwise keep the HTTP server from closing). */
  closeAll(): void;
}

export function createSocketHandler(pieces: SocketPieces): SocketHandler {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BROWSER_FRAME, perMessageDeflate: false });
  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://podium.local');
    if (url.pathname !== '/term' && url.pathname !== '/live') {
      reject(socket, 404, 'Not Found');
      return;
    }
    if (!sameOrigin(req.headers.origin, req.headers.host)) {
      reject(socket, 403, 'Forbidden');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const learner = learnerFrom(pieces.routes, req.headers.cookie);
      const lab = url.searchParams.get('lab') ?? '';
      if (!learner) return ws.close(Close.unauthorized, 'join a workshop first');
      if (!pieces.labs.exists(lab)) return ws.close(Close.notFound, 'no such lab');
      if (url.pathname === '/live') return void serveLive(pieces, ws, learner, lab);
      return void serveTerminal(pieces, ws, learner, lab, url.searchParams);
    });
  };
  return {
    handleUpgrade,
    closeAll() {
      for (const client of wss.clients) client.close(1001, 'the server is stopping');
      setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, 500).unref();
    },
  };
}

async function serveLive(pieces: SocketPieces, ws: WebSocket, learner: Learner, lab: string): Promise<void> {
  const unsubscribe = pieces.live.subscribe(learner.id, lab, (message) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  });
  ws.on('close', unsubscribe);
  // The page only listens; anything it sends is ignored.
  ws.on('message', () => pieces.labs.touch(learner.id, lab));
  try {
    const state = await pieces.labs.state(learner, lab);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'state', state }));
  } catch (err) {
    console.error(`live state of ${lab} for ${learner.id}:`, err);
  }
}

async function serveTerminal(pieces: SocketPieces, ws: WebSocket, learner: Learner, lab: string, params: URLSearchParams): Promise<void> {
  const socket = browserTerminalSocket(ws);
  const cols = clamp(params.get('cols'), 20, 500, 80);
  const rows = clamp(params.get('rows'), 5, 200, 24);
  try {
    // The lab must be started (it owns the home and the socket to the clusters).
    await pieces.labs.sandboxSpec(learner, lab);
  } catch {
    ws.close(Close.forbidden, 'start the lab first');
    return;
  }
  pieces.labs.touch(learner.id, lab);
  await pieces.terminals.attach({ learnerId: learner.id, lab }, socket, { cols, rows });
}

function clamp(value: string | null, min: number, max: number, fallback: number): number {
  const n = value === null || value === '' ? NaN : Number(value);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback;
}

function reject(socket: Duplex, code: number, text: string): void {
  socket.end(`HTTP/1.1 ${code} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
