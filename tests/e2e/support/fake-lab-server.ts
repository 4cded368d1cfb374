/**
 * A stand-in for Podium's server, for browser tests of the lab pages: serves a built site (`dist/`)
 * and implements the contract of src/lib/labs/api.ts with in-memory state and a fake shell.
 * Tests drive it directly (pass a step, drop connections, send a notice) and read what it received.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import type { CheckResult, JoinRequest, JoinResponse, LabState, LiveMessage, Me, StepState, TermServerMessage } from '../../../src/lib/labs/api.ts';
import { readFakeLabs, type FakeLab } from './fake-lab-definitions.ts';
import { FakeShell } from './fake-shell.ts';

export interface FakeServerOptions {
  /** The built site to serve. */
  siteDir: string;
  /** The labs the site was built from (their frontmatter gives steps, hints and solutions). */
  labsDir: string;
  port?: number;
  workshop?: { code: string; title: string };
  /** How long "Preparing your cluster…" lasts. */
  startDelayMs?: number;
}

interface StepRecord {
  status: StepState['status'];
  hintsShown: number;
  solutionShown: boolean;
  checks: CheckResult[];
  checkedAt?: string;
  completedAt?: string;
}

interface LabRecord {
  phase: LabState['phase'];
  steps: StepRecord[];
  shell: FakeShell;
  terms: Set<WebSocket>;
  lives: Set<WebSocket>;
  /** Flow-control acks and resizes the browser sent. */
  acked: number;
  resizes: { cols: number; rows: number }[];
  startTimer?: NodeJS.Timeout;
}

interface Learner {
  id: string;
  name: string;
  seatCode: string;
  labs: Map<string, LabRecord>;
}

const COOKIE = 'podium_fake_session';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export class FakeLabServer {
  readonly labs: Map<string, FakeLab>;
  readonly learners = new Map<string, Learner>();
  private readonly sessions = new Map<string, string>();
  private readonly http = createServer((req, res) => void this.handle(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly workshop: { code: string; title: string };
  private startDelayMs: number;
  url = '';

  constructor(private readonly options: FakeServerOptions) {
    this.labs = readFakeLabs(options.labsDir);
    this.workshop = options.workshop ?? { code: 'KUBE-101', title: 'Kubernetes hands-on' };
    this.startDelayMs = options.startDelayMs ?? 400;
    this.http.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.upgrade(req, ws));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.http.listen(this.options.port ?? 0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    for (const learner of this.learners.values()) for (const lab of learner.labs.values()) clearTimeout(lab.startTimer);
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ---- controls for tests ----

  /** A learner who joined in another browser (the seat-taken flow). */
  addLearner(name: string, seatCode = '4821'): Learner {
    const learner: Learner = { id: randomUUID(), name, seatCode, labs: new Map() };
    this.learners.set(learner.id, learner);
    return learner;
  }

  learner(name: string): Learner {
    const found = [...this.learners.values()].find((l) => l.name === name);
    if (!found) throw new Error(`no learner ${name}`);
    return found;
  }

  setStartDelay(ms: number): void {
    this.startDelayMs = ms;
  }

  /** The step passes, as if the validator engine saw it in the cluster; a live `step` message follows. */
  passStep(name: string, lab: string, stepId: string): void {
    const learner = this.learner(name);
    const record = this.labRecord(learner, lab);
    const index = this.def(lab).steps.findIndex((s) => s.id === stepId);
    this.evaluate(lab, record, index, true);
  }

  notice(text: string, level: 'info' | 'warning' = 'info'): void {
    for (const learner of this.learners.values()) {
      for (const record of learner.labs.values()) this.broadcast(record.lives, { type: 'notice', level, text });
    }
  }

  /** Drops every terminal connection, as a network blip would. */
  dropTerminals(): void {
    for (const learner of this.learners.values()) for (const record of learner.labs.values()) for (const ws of record.terms) ws.terminate();
  }

  dropLive(): void {
    for (const learner of this.learners.values()) for (const record of learner.labs.values()) for (const ws of record.lives) ws.terminate();
  }

  /** What the browser typed or ran into a learner's terminal. */
  received(name: string, lab: string): string {
    return this.labRecord(this.learner(name), lab).shell.received;
  }

  terminalStats(name: string, lab: string): { acked: number; resizes: { cols: number; rows: number }[]; screen: number } {
    const record = this.labRecord(this.learner(name), lab);
    return { acked: record.acked, resizes: record.resizes, screen: Buffer.byteLength(record.shell.screen) };
  }

  /** Writes to the learner's terminal (as if the shell printed it). */
  print(name: string, lab: string, text: string): void {
    this.labRecord(this.learner(name), lab).shell.write(text);
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname.startsWith('/api/')) return await this.api(req, res, url);
      this.serveStatic(url.pathname, res);
    } catch (error) {
      this.json(res, 500, { message: (error as Error).message });
    }
  }

  private serveStatic(pathname: string, res: ServerResponse): void {
    const root = this.options.siteDir;
    let file = path.join(root, decodeURIComponent(pathname));
    if (!file.startsWith(root)) return this.notFound(res);
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    else if (!existsSync(file) && existsSync(`${file}/index.html`)) file = `${file}/index.html`;
    if (!existsSync(file)) return this.notFound(res);
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(readFileSync(file));
  }

  private notFound(res: ServerResponse): void {
    const page = path.join(this.options.siteDir, '404.html');
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(existsSync(page) ? readFileSync(page) : 'Not found');
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
    res.end(JSON.stringify(body));
  }

  private async body<T>(req: IncomingMessage): Promise<T> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as T;
  }

  private session(req: IncomingMessage): Learner | undefined {
    const cookie = req.headers.cookie ?? '';
    const token = new RegExp(`${COOKIE}=([^;]+)`).exec(cookie)?.[1];
    const id = token ? this.sessions.get(token) : undefined;
    return id ? this.learners.get(id) : undefined;
  }

  private me(learner: Learner): Me {
    return { id: learner.id, name: learner.name, workshop: this.workshop, seatCode: learner.seatCode };
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'POST' && url.pathname === '/api/join') return this.join(req, res);
    const learner = this.session(req);
    if (!learner) return this.json(res, 401, { message: 'join the workshop first' });
    if (req.method === 'GET' && url.pathname === '/api/me') return this.json(res, 200, this.me(learner));
    const m = /^\/api\/labs\/([^/]+)\/(state|start|steps\/([^/]+)\/(check|hint|solution))$/.exec(url.pathname);
    if (!m || !this.labs.has(m[1]!)) return this.json(res, 404, { message: 'no such lab' });
    const lab = m[1]!;
    const record = this.labRecord(learner, lab);
    if (m[2] === 'state' && req.method === 'GET') return this.json(res, 200, this.state(learner, lab, record));
    if (req.method !== 'POST') return this.json(res, 405, { message: 'method not allowed' });
    if (m[2] === 'start') {
      this.start(learner, lab, record);
      return this.json(res, 200, this.state(learner, lab, record));
    }
    const def = this.def(lab);
    const index = def.steps.findIndex((s) => s.id === m[3]);
    if (index === -1) return this.json(res, 404, { message: 'no such step' });
    const step = record.steps[index]!;
    if (m[4] === 'check') this.evaluate(lab, record, index);
    else if (m[4] === 'hint') step.hintsShown = Math.min(def.steps[index]!.hints.length, step.hintsShown + 1);
    else if (m[4] === 'solution') {
      if (!def.steps[index]!.showSolution) return this.json(res, 403, { message: 'this step has no solution to show' });
      step.solutionShown = true;
    }
    return this.json(res, 200, this.stepState(lab, record, index));
  }

  private async join(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.body<JoinRequest>(req);
    const refuse = (reason: Extract<JoinResponse, { ok: false }>['reason'], message: string) =>
      this.json(res, reason === 'unknown-workshop' ? 404 : reason === 'invalid-name' ? 400 : 409, { ok: false, reason, message } satisfies JoinResponse);
    if (String(body.code ?? '').trim().toUpperCase() !== this.workshop.code) {
      return refuse('unknown-workshop', 'There is no workshop with this code. Check the code on the screen.');
    }
    const name = String(body.name ?? '').trim();
    if (!name || name.length > 60 || /[<>]/.test(name)) return refuse('invalid-name', 'Use a name of 1 to 60 letters, digits or spaces.');
    let learner = [...this.learners.values()].find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (learner) {
      if (!body.seatCode) return refuse('seat-taken', `“${learner.name}” already has a seat in this workshop.`);
      if (body.seatCode.trim() !== learner.seatCode) return refuse('wrong-seat-code', 'That seat code does not match. Look at the top bar of a lab page in your other browser.');
    } else {
      learner = this.addLearner(name, String(1000 + Math.floor(Math.random() * 9000)));
    }
    const token = randomUUID();
    this.sessions.set(token, learner.id);
    this.json(res, 200, { ok: true, me: this.me(learner) } satisfies JoinResponse, {
      'Set-Cookie': `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax`,
    });
  }

  // ---- lab state ----

  private def(lab: string): FakeLab {
    return this.labs.get(lab)!;
  }

  private labRecord(learner: Learner, lab: string): LabRecord {
    let record = learner.labs.get(lab);
    if (!record) {
      const created: LabRecord = {
        phase: 'not-started',
        steps: this.def(lab).steps.map((_, i) => ({ status: i === 0 ? 'current' : 'pending', hintsShown: 0, solutionShown: false, checks: [] })),
        terms: new Set(),
        lives: new Set(),
        acked: 0,
        resizes: [],
        shell: new FakeShell(
          learner.name.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'learner',
          (text) => {
            for (const ws of created.terms) ws.send(Buffer.from(text, 'utf8'), { binary: true });
          },
          (command) => this.commandRan(lab, created, command),
        ),
      };
      record = created;
      learner.labs.set(lab, record);
    }
    return record;
  }

  private start(learner: Learner, lab: string, record: LabRecord): void {
    if (record.phase !== 'not-started' && record.phase !== 'failed') return;
    record.phase = 'starting';
    record.startTimer = setTimeout(() => {
      record.phase = record.steps.every((s) => s.status === 'passed') ? 'completed' : 'ready';
      this.broadcast(record.lives, { type: 'state', state: this.state(learner, lab, record) });
    }, this.startDelayMs);
  }

  private current(record: LabRecord): number {
    const i = record.steps.findIndex((s) => s.status !== 'passed');
    return i === -1 ? record.steps.length : i;
  }

  private state(learner: Learner, lab: string, record: LabRecord): LabState {
    return {
      lab,
      learner: { id: learner.id, name: learner.name },
      phase: record.phase,
      steps: record.steps.map((_, i) => this.stepState(lab, record, i)),
      current: this.current(record),
    };
  }

  private stepState(lab: string, record: LabRecord, index: number): StepState {
    const def = this.def(lab).steps[index]!;
    const step = record.steps[index]!;
    return {
      id: def.id,
      title: def.title,
      status: step.status,
      checks: step.checks,
      hints: def.hints.slice(0, step.hintsShown),
      hintsTotal: def.hints.length,
      ...(step.solutionShown ? { solution: def.solution } : {}),
      solutionAvailable: def.showSolution,
      ...(step.completedAt ? { completedAt: step.completedAt } : {}),
      ...(step.checkedAt ? { checkedAt: step.checkedAt } : {}),
    };
  }

  /** A step passes once the learner has run every command of its solution (or when told to). */
  private evaluate(lab: string, record: LabRecord, index: number, force = false, quiet = false): void {
    const def = this.def(lab).steps[index]!;
    const step = record.steps[index]!;
    const ran = new Set(record.shell.history.map((c) => c.replace(/\s+/g, ' ')));
    const passed = force || def.solution.every((c) => ran.has(c.replace(/\s+/g, ' ')));
    const now = new Date().toISOString();
    step.checkedAt = now;
    step.checks = def.checks.map((c, i) => ({
      index: i,
      title: c.title,
      status: passed ? 'passed' : 'failed',
      message: c.message,
      results: [
        {
          ok: passed,
          subject: c.subject,
          expected: c.expected,
          seen: passed ? c.expected.replace(/^equals /, '') : i === 0 ? 'no such object' : 'not set',
          ...(passed ? {} : { message: c.message }),
        },
      ],
    }));
    if (quiet && !passed) return;
    const was = step.status;
    if (passed && was !== 'passed') {
      step.status = 'passed';
      step.completedAt = now;
      const next = record.steps.findIndex((s) => s.status !== 'passed');
      if (next !== -1 && record.steps[next]!.status === 'pending') record.steps[next]!.status = 'current';
      if (next === -1 && record.phase === 'ready') record.phase = 'completed';
    } else if (!passed) step.status = 'failed';
    this.broadcast(record.lives, { type: 'step', step: this.stepState(lab, record, index), current: this.current(record), phase: record.phase });
  }

  /** After every command, the current step is re-checked, as the validator engine would. */
  private commandRan(lab: string, record: LabRecord, command: string): void {
    if (command === 'exit') {
      const message: TermServerMessage = { type: 'exit', code: 0, message: 'You left the shell (exit).' };
      for (const ws of record.terms) {
        ws.send(JSON.stringify(message));
        ws.close(1000);
      }
      record.shell.screen = '';
      return;
    }
    const current = this.current(record);
    if (current < record.steps.length) this.evaluate(lab, record, current, false, true);
  }

  private broadcast(sockets: Set<WebSocket>, message: LiveMessage): void {
    for (const ws of sockets) ws.send(JSON.stringify(message));
  }

  // ---- WebSockets ----

  private upgrade(req: IncomingMessage, ws: WebSocket): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const learner = this.session(req);
    const lab = url.searchParams.get('lab') ?? '';
    if (!learner) return ws.close(4401, 'join first');
    if (!this.labs.has(lab)) return ws.close(4404, 'no such lab');
    const record = this.labRecord(learner, lab);
    if (url.pathname === '/live') {
      record.lives.add(ws);
      ws.on('close', () => record.lives.delete(ws));
      ws.send(JSON.stringify({ type: 'state', state: this.state(learner, lab, record) } satisfies LiveMessage));
      return;
    }
    if (url.pathname !== '/term') return ws.close(4404, 'unknown socket');
    const restored = record.shell.screen.length > 0;
    record.terms.add(ws);
    ws.on('close', () => record.terms.delete(ws));
    ws.send(JSON.stringify({ type: 'ready', restored } satisfies TermServerMessage));
    if (restored) ws.send(Buffer.from(record.shell.screen, 'utf8'), { binary: true });
    else record.shell.banner();
    ws.on('message', (data, isBinary) => {
      if (isBinary) return record.shell.input(Buffer.from(data as Buffer).toString('utf8'));
      const message = JSON.parse(String(data)) as { type: string; bytes?: number; cols?: number; rows?: number };
      if (message.type === 'ack') record.acked += message.bytes ?? 0;
      else if (message.type === 'resize') record.resizes.push({ cols: message.cols!, rows: message.rows! });
    });
  }
}

/** Starts a fake server on a free port. */
export async function startFakeLabServer(options: FakeServerOptions): Promise<FakeLabServer> {
  const server = new FakeLabServer(options);
  await server.listen();
  return server;
}

// `npx tsx tests/e2e/support/fake-lab-server.ts <site> <labs> [port]`: run it by hand to try the pages.
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [site = 'dist', labs = 'tests/fixtures/labs', port = '4321'] = process.argv.slice(2);
  const server = new FakeLabServer({ siteDir: path.resolve(site), labsDir: path.resolve(labs), port: Number(port) });
  void server.listen().then((url) => console.log(`fake lab server on ${url} (workshop code KUBE-101)`));
}
