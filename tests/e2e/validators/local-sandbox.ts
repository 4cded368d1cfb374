/**
 * A stand-in for the learner's sandbox in end-to-end tests of the validators: bash on this machine
 * with KUBECONFIG pointing at the test cluster, a home folder, and the commands it ran as history.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommandLog, SandboxAccess } from '../../../server/validators/types.ts';

export class LocalSandbox implements SandboxAccess, CommandLog {
  readonly lines: string[] = [];

  constructor(
    private readonly home: string,
    private readonly env: Record<string, string>,
  ) {}

  run(command: string, opts: { timeoutMs?: number } = {}) {
    return new Promise<{ code: number; stdout: string; stderr: string; timedOut: boolean }>((resolve) => {
      execFile('bash', ['-c', command], { cwd: this.home, env: { ...process.env, ...this.env }, timeout: opts.timeoutMs ?? 30_000 }, (error, stdout, stderr) => {
        const e = error as (Error & { code?: number | string; killed?: boolean }) | null;
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr, timedOut: e?.killed === true });
      });
    });
  }

  /** Runs a command as the learner would type it (recorded in the history). */
  type(command: string) {
    this.lines.push(command);
    return this.run(command);
  }

  async readFile(relativePath: string) {
    return readFile(path.join(this.home, relativePath), 'utf8').catch(() => undefined);
  }

  async history() {
    return [...this.lines];
  }

  /** `cluster up` keeps no kubectl log; a real server records the Kubectl-Command headers. */
  async kubectlCommands() {
    return this.lines.filter((l) => l.startsWith('kubectl ')).map((l) => l.split(/\s+/).slice(0, 2).join(' '));
  }
}
