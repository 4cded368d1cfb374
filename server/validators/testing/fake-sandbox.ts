/** A learner's sandbox and kubectl log for tests: commands answered by a function, files and history in memory. */
import type { CommandLog, SandboxAccess } from '../types.ts';

export type RunResult = Awaited<ReturnType<SandboxAccess['run']>>;

export class FakeSandbox implements SandboxAccess, CommandLog {
  files = new Map<string, string>();
  lines: string[] = [];
  kubectl: string[] = [];
  runs: string[] = [];
  /** Answers `run`; by default every command succeeds with no output. */
  answer: (command: string) => RunResult | Promise<RunResult> = () => ({ code: 0, stdout: '', stderr: '', timedOut: false });

  async run(command: string): Promise<RunResult> {
    this.runs.push(command);
    return this.answer(command);
  }

  async readFile(relativePath: string): Promise<string | undefined> {
    return this.files.get(relativePath);
  }

  async history(): Promise<string[]> {
    return [...this.lines];
  }

  async kubectlCommands(): Promise<string[]> {
    return [...this.kubectl];
  }

  /** Records a command the learner typed (and the kubectl header it would send). */
  typed(line: string, kubectlHeader?: string): void {
    this.lines.push(line);
    if (kubectlHeader) this.kubectl.push(kubectlHeader);
  }
}
