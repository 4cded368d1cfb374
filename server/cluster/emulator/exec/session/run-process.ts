/**
 * Runs what `kubectl exec` asked for inside a container view: the argv as the runtime would start it, wired to the
 * client's streams (a terminal when `tty`). The outcome is an exit code, or the runtime's start error.
 */
import { commands } from '../shell/commands/index.ts';
import type { StdIO } from '../shell/command.ts';
import { emptyInput, type Input, type Output } from '../shell/io.ts';
import { createRunner } from '../shell/runner.ts';
import type { ContainerSystem } from '../shell/system.ts';
import { Tty } from '../shell/tty.ts';

export type ProcessOutcome = { kind: 'exited'; code: number } | { kind: 'start-failed'; reason: string };

export interface ProcessIO {
  /** The client's stdin, when it sends one. */
  stdin?: Input;
  stdout: Output;
  stderr: Output;
  /** With a TTY, stdin is raw keystrokes and both outputs go to the terminal (the same size object the container view has). */
  tty?: { rows: number; cols: number };
  signal: AbortSignal;
}

/** containerd/runc's reason when the process cannot start (the part after `exec failed: unable to start container process: `). */
function startReason(sys: ContainerSystem, name: string, cwd: string): string {
  if (name.includes('/')) {
    const abs = sys.fs.absolute(name, cwd);
    const st = sys.fs.stat(abs);
    if (typeof st === 'string') return `exec: "${name}": stat ${name}: no such file or directory`;
    return `exec: "${name}": permission denied`;
  }
  return `exec: "${name}": executable file not found in $PATH`;
}

export async function runProcess(sys: ContainerSystem, argv: string[], io: ProcessIO): Promise<ProcessOutcome> {
  const env = new Map(sys.env);
  if (io.tty && !env.has('TERM')) {
    // containerd gives terminal execs TERM=xterm; runc adds HOME last.
    const home = env.get('HOME');
    env.delete('HOME');
    env.set('TERM', 'xterm');
    if (home !== undefined) env.set('HOME', home);
  }
  const cwd = sys.workdir;
  let stdio: StdIO;
  if (io.tty) {
    const tty = new Tty(io.stdin ?? emptyInput, io.stdout, io.tty);
    stdio = { stdin: tty.input, stdout: tty.output, stderr: tty.output, tty: true, terminal: tty };
  } else stdio = { stdin: io.stdin ?? emptyInput, stdout: io.stdout, stderr: io.stderr, tty: false };
  const runner = createRunner(sys, commands);
  const outcome = await runner.spawn(argv, stdio, env, cwd, io.signal);
  if (outcome.kind === 'exited') return { kind: 'exited', code: outcome.code };
  return { kind: 'start-failed', reason: startReason(sys, argv[0] ?? '', cwd) };
}
