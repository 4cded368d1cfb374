/** The calling convention of simulated programs and builtins. */
import type { Input, Output } from './io.ts';
import type { ContainerSystem } from './system.ts';
import type { Terminal } from './tty.ts';

export interface StdIO {
  stdin: Input;
  stdout: Output;
  stderr: Output;
  /** True when standard output is the client's terminal (`kubectl exec -t`). */
  tty: boolean;
  /** The terminal itself, for interactive shells (prompt, history, Ctrl-C). */
  terminal?: Terminal;
}

export interface CommandContext extends StdIO {
  /** As invoked: `argv[0]` may be a path. */
  argv: string[];
  /** The program's own name (`ls`, `busybox`…), for messages. */
  name: string;
  /** The environment the program was started with. */
  env: Map<string, string>;
  cwd: string;
  sys: ContainerSystem;
  signal: AbortSignal;
  /** Runs another program as a child (`env CMD`, `sh -c`, `timeout`), returning its exit status. */
  spawn(argv: string[], io: StdIO, env?: Map<string, string>, signal?: AbortSignal): Promise<number>;
}

/**
 * A program: returns its exit status, at once when it never waits (so a container's process, computed ahead
 * on simulated time, can run the network programs too: see `ContainerSystem.instant`).
 */
export type Command = (ctx: CommandContext) => Promise<number> | number;

export type CommandTable = Record<string, Command>;

/** Thrown by `exit` and fatal shell errors; carries the status the shell exits with. */
export class ExitSignal {
  constructor(readonly code: number) {}
}
