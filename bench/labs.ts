import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { readServerConfig } from '../server/config.ts';
import { startPlatform } from '../server/platform.ts';
import { median, ms, percentile, printTable } from './report.ts';

const STARTS = 20;
const ECHOES = 50;

interface Learner {
  cookie: string;
  name: string;
}

/**
 * A class's first minutes, measured against the real server (in this process): from "Start lab" to
 * a prompt where `kubectl get nodes` works, from a satisfying command to a green step, keystroke
 * echo, and the memory an idle learner costs.
 */
export async function benchLabs(root: string): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'podium-bench-labs-'));
  chmodSync(dataDir, 0o711);
  const config = readServerConfig(process.env, {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    labsDir: path.join(root, 'bench/fixtures/labs'),
    workshop: { code: 'bench', title: 'Bench' },
  });
  const platform = await startPlatform(config);
  const base = platform.url.replace('localhost', '127.0.0.1');
  const sockets: WebSocket[] = [];
  try {
    const startTimes: number[] = [];
    const greens: { object: number[]; file: number[] } = { object: [], file: [] };
    const echoes: number[] = [];
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < STARTS; i++) {
      const learner = await join(base, `learner-${i}`);
      const t0 = performance.now();
      await post(base, learner, '/api/labs/bench-lab/start');
      const term = await openTerminal(base, learner, sockets);
      await term.waitFor('$ ');
      term.send('kubectl get nodes\r');
      await term.waitFor(' Ready ');
      startTimes.push(performance.now() - t0);
      if (i < 5) {
        const live = await openLive(base, learner, sockets);
        term.send('kubectl create configmap bench --from-literal=answer=42\r');
        await term.waitFor('configmap/bench created');
        const done = performance.now();
        await live.waitForStep('configmap', 'passed');
        greens.object.push(performance.now() - done);
        term.send('echo done > done.txt\r');
        const sent = performance.now();
        await live.waitForStep('file', 'passed');
        greens.file.push(performance.now() - sent);
      }
      if (i === 0) {
        for (let k = 0; k < ECHOES; k++) {
          const marker = String.fromCharCode(97 + (k % 26));
          const t = performance.now();
          term.send(marker);
          await term.waitForChar(marker);
          echoes.push(performance.now() - t);
        }
        term.send('\x15'); // clear the line
      }
    }
    printTable('Start lab → prompt where kubectl get nodes succeeds (target p95 < 1 s)', [
      { starts: STARTS, p50: ms(median(startTimes)), p95: ms(percentile(startTimes, 95)), max: ms(Math.max(...startTimes)) },
    ]);
    printTable('Satisfying command → step green (target < 1 s)', [
      { step: 'object check (after kubectl returns)', median: ms(median(greens.object)), max: ms(Math.max(...greens.object)), runs: greens.object.length },
      { step: 'file check (after Enter: the next prompt triggers it)', median: ms(median(greens.file)), max: ms(Math.max(...greens.file)), runs: greens.file.length },
    ]);
    printTable('Keystroke echo (browser protocol, through the sandbox\'s pty)', [
      { samples: echoes.length, p50: ms(median(echoes)), p95: ms(percentile(echoes, 95)), max: ms(Math.max(...echoes)) },
    ]);
    const heapPerLearner = (process.memoryUsage().heapUsed - heapBefore) / STARTS;
    const sandboxRss = sandboxProcessesRss();
    printTable('Memory per idle learner (cluster, sandbox, session, validator)', [
      {
        'server heap per learner': `${(heapPerLearner / 1024 / 1024).toFixed(1)} MiB`,
        'sandbox processes per learner (RSS)': `${(sandboxRss.total / Math.max(1, sandboxRss.sandboxes) / 1024 / 1024).toFixed(1)} MiB`,
        sandboxes: sandboxRss.sandboxes,
      },
    ]);
  } finally {
    for (const s of sockets) s.terminate();
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function join(base: string, name: string): Promise<Learner> {
  const res = await fetch(`${base}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'bench', name }) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (!res.ok || !cookie) throw new Error(`join failed: ${res.status} ${await res.text()}`);
  return { cookie, name };
}

async function post(base: string, learner: Learner, route: string): Promise<unknown> {
  const res = await fetch(`${base}${route}`, { method: 'POST', headers: { cookie: learner.cookie, origin: base } });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return res.json();
}

function openSocket(base: string, learner: Learner, route: string, sockets: WebSocket[]): Promise<WebSocket> {
  const ws = new WebSocket(base.replace('http', 'ws') + route, { headers: { cookie: learner.cookie, origin: base } });
  sockets.push(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function openTerminal(base: string, learner: Learner, sockets: WebSocket[]) {
  const ws = await openSocket(base, learner, '/term?lab=bench-lab&cols=120&rows=40', sockets);
  let output = '';
  let waiters: { test: () => boolean; resolve: () => void }[] = [];
  ws.on('message', (data, binary) => {
    if (!binary) return;
    const text = data.toString();
    output += text;
    ws.send(JSON.stringify({ type: 'ack', bytes: Buffer.byteLength(text) }));
    waiters = waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
  });
  const wait = (test: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      if (test()) return resolve();
      const timer = setTimeout(() => reject(new Error(`timed out; terminal shows:\n${output.slice(-500)}`)), 30_000);
      waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
    });
  return {
    send: (text: string) => ws.send(Buffer.from(text), { binary: true }),
    waitFor(text: string) {
      const from = output.length;
      return wait(() => output.indexOf(text, Math.max(0, from - text.length)) >= 0 || output.includes(text));
    },
    waitForChar(ch: string) {
      const from = output.length;
      return wait(() => output.slice(from).includes(ch));
    },
  };
}

async function openLive(base: string, learner: Learner, sockets: WebSocket[]) {
  const ws = await openSocket(base, learner, '/live?lab=bench-lab', sockets);
  const statuses = new Map<string, string>();
  let waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { type: string; step?: { id: string; status: string }; state?: { steps: { id: string; status: string }[] } };
    if (m.type === 'step' && m.step) statuses.set(m.step.id, m.step.status);
    if (m.type === 'state' && m.state) for (const s of m.state.steps) statuses.set(s.id, s.status);
    for (const w of waiters) w();
  });
  return {
    waitForStep(id: string, status: string) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`step ${id} never became ${status}`)), 30_000);
        const check = () => {
          if (statuses.get(id) === status) {
            clearTimeout(timer);
            waiters = waiters.filter((w) => w !== check);
            resolve();
          }
        };
        waiters.push(check);
        check();
      });
    },
  };
}

/** RSS of the sandboxes' processes (bwrap, bash, socat), children of this process. */
function sandboxProcessesRss(): { total: number; sandboxes: number } {
  let total = 0;
  let sandboxes = 0;
  const me = process.pid;
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      parents.set(Number(entry), ppid);
      rss.set(Number(entry), kb * 1024);
      names.set(Number(entry), /Name:\s+(\S+)/.exec(status)?.[1] ?? '');
    } catch {
      // The process ended meanwhile.
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === me) return true;
    return false;
  };
  for (const [pid, bytes] of rss) {
    if (pid === me || !descends(pid)) continue;
    if (names.get(pid) === 'bwrap' && names.get(parents.get(pid)!) !== 'bwrap') sandboxes++;
    total += bytes;
  }
  return { total, sandboxes };
}
