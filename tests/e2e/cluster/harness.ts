import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunningCluster {
  kubeconfig: string;
  url: string;
  dataDir: string;
  /** Runs the real kubectl (the one on PATH, as a learner would) against the cluster. */
  kubectl(args: string[], opts?: { input?: string; env?: Record<string, string>; timeoutMs?: number }): KubectlResult;
  /** Runs kubectl in the background (for `get -w`, `logs -f`). */
  kubectlAsync(args: string[]): ChildProcess;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

export interface ClusterOptions {
  nodes?: number;
  instanceType?: string;
  /** Reuse a data dir (to test a restart). */
  dataDir?: string;
}

/** Starts `podium cluster up` on a free port with its own data dir and kubectl cache. */
export async function clusterUp(opts: ClusterOptions = {}): Promise<RunningCluster> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'podium-cluster-'));
  const kubeconfig = path.join(dataDir, 'kubeconfig');
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'bin/podium.mjs'),
      'cluster', 'up',
      '--port', '0',
      '--kubeconfig', kubeconfig,
      '--data-dir', dataDir,
      '--nodes', String(opts.nodes ?? 2),
      '--instance-type', opts.instanceType ?? 't3.medium',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cluster up did not get ready:\n${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /is ready at (https:\/\/\S+) /.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cluster up exited with ${code}:\n${output}`));
    });
  });
  const env = {
    ...process.env,
    KUBECONFIG: kubeconfig,
    // A cache of its own: discovery must come from this server.
    KUBECACHEDIR: path.join(dataDir, 'kube-cache'),
    HOME: dataDir,
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return {
    kubeconfig,
    url,
    dataDir,
    kubectl(args, o = {}) {
      const r = spawnSync('kubectl', args, {
        env: { ...env, ...o.env },
        input: o.input,
        encoding: 'utf8',
        timeout: o.timeoutMs ?? 60_000,
      });
      return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', code: r.status ?? -1 };
    },
    kubectlAsync(args) {
      return spawn('kubectl', args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    },
    stop,
    async destroy() {
      await stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns true (bounded). */
export async function eventually(check: () => boolean, timeoutMs = 30_000, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

/** Column values of a kubectl table, by header name, one object per row. */
export function parseTable(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  const header = lines[0]!;
  const starts: number[] = [];
  const re = /\S+(?: \S+)*/g;
  let m: RegExpExecArray | null;
  const names: string[] = [];
  while ((m = re.exec(header))) {
    starts.push(m.index);
    names.push(m[0]);
  }
  return lines.slice(1).map((line) =>
    Object.fromEntries(names.map((n, i) => [n, line.slice(starts[i], starts[i + 1] ?? undefined).trim()])),
  );
}
