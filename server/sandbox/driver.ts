/**
 * Where learners' shells run. The bubblewrap driver runs them on this machine; a later driver can run
 * them in per-learner pods of a real cluster. Nothing above this line knows about bwrap or node-pty.
 */

export interface SandboxSpec {
  /** Stable id of the learner. */
  learnerId: string;
  /**
   * Host Unix user and group id the learner's processes run as (one per learner, so per-user limits
   * and file permissions separate learners even outside the namespaces).
   */
  uid: number;
  /** The lab, for the shell's host name and the home folder. */
  lab: string;
  /** Host folder that becomes the learner's home (created if missing, private to the learner). */
  home: string;
  /** Environment of the shell (KUBECONFIG is set by the platform). */
  env: Record<string, string>;
  /**
   * Host Unix socket of the learner's cluster API. Inside the sandbox it is reachable at
   * 127.0.0.1:6443, and nothing else of the host is.
   */
  apiSocket: string;
  cols: number;
  rows: number;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
  /** True when the command ran out of time and was killed. */
  timedOut: boolean;
}

/** An interactive shell in a sandbox: a terminal's bytes in and out. */
export interface Sandbox {
  readonly id: string;
  write(data: string | Buffer): void;
  resize(cols: number, rows: number): void;
  onData(listener: (data: string) => void): Disposable;
  onExit(listener: (exit: { code: number | null; signal: number | null }) => void): Disposable;
  /** Flow control: stop reading the shell's output until `resume`. */
  pause(): void;
  resume(): void;
  /** Ends the shell and everything it started. */
  kill(): Promise<void>;
}

export interface Disposable {
  dispose(): void;
}

export interface SandboxDriver {
  readonly name: string;
  /** Starts an interactive login shell. */
  start(spec: SandboxSpec): Promise<Sandbox>;
  /** Runs one command non-interactively in the same kind of sandbox (same home, same network). */
  exec(spec: Omit<SandboxSpec, 'cols' | 'rows'>, command: string, opts?: { timeoutMs?: number; input?: string }): Promise<ExecResult>;
  /** Reads a file of the learner's home (undefined if absent); never follows a path out of the home. */
  readHomeFile(home: string, relativePath: string): Promise<string | undefined>;
}
