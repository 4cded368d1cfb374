/**
 * Real sandboxes for end-to-end tests: a data folder laid out like the server's (homes, sockets),
 * learners with host uids of their own, and the bubblewrap driver. The tests need root, bwrap and
 * socat; `sandboxSkipReason` says why they cannot run elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { createBubblewrapDriver, type BubblewrapDriver, type BubblewrapDriverOptions } from '../../../server/sandbox/index.ts';
import type { SandboxSpec } from '../../../server/sandbox/driver.ts';
import type { Logger } from '../../../server/sandbox/bubblewrap/logger.ts';

export type LearnerSpec = Omit<SandboxSpec, 'cols' | 'rows'>;

/** Why the sandbox tests cannot run here, or undefined when they can. */
export function sandboxSkipReason(): string | undefined {
  if (process.platform !== 'linux') return 'sandbox tests need Linux';
  if (process.getuid?.() !== 0) return 'sandbox tests need root (learners get host uids of their own)';
  for (const tool of ['bwrap', 'socat', 'setpriv', 'prlimit']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `sandbox tests need ${tool} (apt-get install -y bubblewrap socat)`;
  }
  const probe = spawnSync('bwrap', ['--unshare-all', '--ro-bind', '/usr', '/usr', '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64', '--', '/bin/true'], {
    timeout: 5000,
  });
  if (probe.status !== 0) return `bwrap cannot create namespaces here: ${probe.stderr.toString().trim()}`;
  return undefined;
}

export const skipReason = sandboxSkipReason();
if (skipReason) console.warn(`Skipping sandbox end-to-end tests: ${skipReason}`);

export interface SandboxWorld {
  dataDir: string;
  driver: BubblewrapDriver;
  logs: string[];
  /** A learner with a home, a socket path and a uid of their own. */
  learner(name: string, uid: number): LearnerSpec;
  destroy(): Promise<void>;
}

export async function sandboxWorld(opts: BubblewrapDriverOptions = {}): Promise<SandboxWorld> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'podium-sandbox-e2e-'));
  // Like the server's data dir: learners may walk through it (to bind their home), never list it.
  chmodSync(dataDir, 0o711);
  for (const sub of ['homes', 'sockets']) mkdirSync(path.join(dataDir, sub), { mode: 0o711 });
  writeFileSync(path.join(dataDir, 'podium.db'), 'the store: secrets of every learner', { mode: 0o600 });
  const logs: string[] = [];
  const log: Logger = { info: (m) => logs.push(m), warn: (m) => logs.push(m) };
  const driver = await createBubblewrapDriver({ log, ...opts });
  return {
    dataDir,
    driver,
    logs,
    learner(name, uid) {
      return {
        learnerId: name,
        uid,
        lab: 'escape-lab',
        home: path.join(dataDir, 'homes', name),
        env: {},
        apiSocket: path.join(dataDir, 'sockets', name, 'api.sock'),
      };
    },
    async destroy() {
      await driver.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Writes a file into a learner's home as the platform would (owned by the learner). */
export function plantFile(spec: LearnerSpec, relative: string, content: string, mode = 0o600): string {
  const file = path.join(spec.home, relative);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, content, { mode });
  for (let p = file; p !== spec.home; p = path.dirname(p)) chownSync(p, spec.uid, spec.uid);
  return file;
}

/**
 * Host pids of live processes running as `uid` (anywhere on the machine). Zombies are left out: bwrap's
 * init inside a sandbox exits after its command and is reaped by the host's init, which some
 * container inits do only every few seconds; a zombie holds nothing but its pid.
 */
export function processesOf(uid: number): number[] {
  const out = spawnSync('ps', ['-U', String(uid), '-o', 'pid=,stat='], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, stat]) => pid && stat && !stat.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

/** Waits (bounded) until no process of `uid` remains; returns the pids still there. */
export async function waitForNoProcesses(uid: number, ms = 5000): Promise<number[]> {
  const until = Date.now() + ms;
  for (;;) {
    const left = processesOf(uid);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Measures the event loop's worst delay while `fn` runs: the server must stay responsive. */
export async function worstEventLoopLag<T>(fn: () => Promise<T>): Promise<{ result: T; lagMs: number }> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  try {
    const result = await fn();
    return { result, lagMs: Math.round(worst) };
  } finally {
    clearInterval(timer);
  }
}

/** The first non-loopback IPv4 address of the host, if any. */
export function hostAddress(): string | undefined {
  const all = Object.values(networkInterfaces()).flat();
  return all.find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}
