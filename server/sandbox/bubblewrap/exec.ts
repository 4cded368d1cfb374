/**
 * Runs one prepared sandbox command without a terminal: input in, output collected up to a bound,
 * killed (with everything it started) when it runs out of time.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { ExecResult } from '../driver.ts';
import { BoundedOutput } from './bounded-output.ts';
import type { Launch } from './prepare.ts';

export interface ExecOptions {
  timeoutMs: number;
  input?: string;
  maxOutputBytes: number;
}

/** How long to wait for the streams to close once the sandbox was killed. */
const AFTER_KILL_MS = 2000;

export function runInSandbox(launch: Launch, opts: ExecOptions): Promise<ExecResult> {
  return new Promise<ExecResult>((resolve) => {
    // A session of its own: no controlling terminal of the server's can ever be reached from inside.
    const child = spawn(launch.file, launch.args, { env: launch.env, cwd: '/', detached: true, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const stdout = new BoundedOutput(opts.maxOutputBytes);
    const stderr = new BoundedOutput(opts.maxOutputBytes);
    child.stdout!.on('data', (d: Buffer) => stdout.push(d));
    child.stderr!.on('data', (d: Buffer) => stderr.push(d));
    if (child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(opts.input);
    }
    let timedOut = false;
    let settled = false;
    let afterKill: NodeJS.Timeout | undefined;
    const kill = () => {
      try {
        if (child.pid) process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      void launch.cgroups?.killAll();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
      // Should something keep the pipes open, give up on them after a bound.
      afterKill = setTimeout(() => finish(null, 'SIGKILL'), AFTER_KILL_MS);
    }, opts.timeoutMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(afterKill);
      child.stdout!.destroy();
      child.stderr!.destroy();
      void launch.release().finally(() =>
        resolve({ code: code ?? 128 + signalNumber(signal), stdout: stdout.text(), stderr: stderr.text(), timedOut }),
      );
    };
    child.once('error', (err) => {
      stderr.push(Buffer.from(`sandbox: ${err.message}\n`));
      finish(127, null);
    });
    child.once('close', finish);
  });
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal ? constants.signals[signal] : 0;
}
