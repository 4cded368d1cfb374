/**
 * Runs parsed shell scripts against a simulated container: lists, `&&`/`||`, pipelines, groups, loops,
 * conditionals, redirections and expansions. Builtins live in builtins.ts; programs are spawned through the
 * injected `spawn` (runner.ts), which finds them on the PATH of the container's image.
 */
import { parse, ShellSyntaxError, type Node, type Redirect, type Word } from '../../node-sim/kubelet/shell/parse.ts';
import { builtins } from './builtins.ts';
import { ExitSignal, type StdIO } from './command.ts';
import { expandString, expandWord, type ExpandHost } from './expand.ts';
import { globPaths } from './glob.ts';
import { Capture, TextInput } from './io.ts';
import { cannotCreate, cannotOpen, notFound, permissionDenied, syntaxError, type ShellVoice } from './messages.ts';
import { applyRedirects } from './redirects.ts';
import type { ContainerSystem, ShellFlavour } from './system.ts';

export type SpawnOutcome =
  | { kind: 'exited'; code: number }
  | { kind: 'not-found' }
  | { kind: 'no-such-file' }
  | { kind: 'not-executable' };

/** Starts a program of the container with the given streams, environment and working directory. */
export type Spawn = (argv: string[], io: StdIO, env: Map<string, string>, cwd: string, signal: AbortSignal) => Promise<SpawnOutcome>;

export interface ShellOptions {
  flavour: ShellFlavour;
  argv0: string;
  sys: ContainerSystem;
  env: Map<string, string>;
  cwd: string;
  interactive: boolean;
  signal: AbortSignal;
  spawn: Spawn;
  /** `$1`… */
  args?: string[];
  pid?: number;
}

class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

/** Steps between yields to the event loop, so that busy loops cannot starve the connection. */
const YIELD_EVERY = 200;

export class Shell {
  status = 0;
  line = 1;
  /** Added to parsed line numbers: the line a chunk of stdin starts at, or the interactive command count. */
  lineBase = 0;
  cwd: string;
  signal: AbortSignal;
  errexit = false;
  readonly vars = new Map<string, string>();
  readonly exported = new Set<string>();
  args: string[];
  private steps = 0;
  private conditionDepth = 0;
  /** Status of the last command substitution of the current simple command (its status when it has no command). */
  private substituted: number | undefined;

  constructor(readonly opts: ShellOptions) {
    for (const [k, v] of opts.env) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    this.cwd = opts.cwd;
    this.vars.set('PWD', opts.cwd);
    this.exported.add('PWD');
    this.signal = opts.signal;
    this.args = opts.args ?? [];
  }

  get sys(): ContainerSystem {
    return this.opts.sys;
  }

  get voice(): ShellVoice {
    return { flavour: this.opts.flavour, argv0: this.opts.argv0, interactive: this.opts.interactive, line: this.line };
  }

  get pid(): number {
    return this.opts.pid ?? 1;
  }

  getVar(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.pid);
      case '#':
        return String(this.args.length);
      case '0':
        return this.opts.argv0;
      case '@':
      case '*':
        return this.args.join(' ');
      case 'RANDOM':
        return String(Math.floor(Math.random() * 32768));
      case 'LINENO':
        return String(this.line);
    }
    if (/^[1-9]\d*$/.test(name)) return this.args[Number(name) - 1];
    return this.vars.get(name);
  }

  setVar(name: string, value: string): void {
    this.vars.set(name, value);
  }

  /** The environment a program started now receives. */
  environment(extra: [string, string][] = []): Map<string, string> {
    const env = new Map<string, string>();
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) env.set(k, v);
    }
    for (const [k, v] of extra) env.set(k, v);
    return env;
  }

  /** Parses and runs source text. Syntax errors print the shell's message and give status 2. `exit` throws ExitSignal. */
  async run(src: string, io: StdIO): Promise<number> {
    let node: Node;
    try {
      node = parse(src);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      this.line = this.lineBase + e.line;
      for (const l of syntaxError(this.voice, e.message, this.line)) io.stderr.write(`${l}\n`);
      this.status = 2;
      if (!this.opts.interactive) throw new ExitSignal(2);
      return 2;
    }
    this.status = await this.exec(node, io);
    return this.status;
  }

  async exec(node: Node, io: StdIO): Promise<number> {
    await this.tick();
    switch (node.type) {
      case 'list': {
        let status = this.status;
        for (const item of node.items) {
          if (item.background) {
            void this.exec(item.node, io).catch(() => undefined);
            status = 0;
          } else status = await this.exec(item.node, io);
          this.status = status;
        }
        return status;
      }
      case 'and':
      case 'or': {
        const left = await this.condition(node.left, io);
        this.status = left;
        if ((node.type === 'and') === (left === 0)) return this.exec(node.right, io);
        return left;
      }
      case 'not':
        return (await this.condition(node.node, io)) === 0 ? 1 : 0;
      case 'pipe':
        return this.pipeline(node.commands, io);
      case 'group':
        return this.group(node, io);
      case 'if': {
        for (const b of node.branches) {
          if ((await this.condition(b.cond, io)) === 0) return this.exec(b.body, io);
        }
        return node.otherwise ? this.exec(node.otherwise, io) : 0;
      }
      case 'for': {
        const items = node.items ? await this.expandAll(node.items) : this.args;
        let status = 0;
        for (const item of items) {
          this.vars.set(node.name, item);
          const r = await this.loopBody(node.body, io);
          status = this.status;
          if (r === 'break') break;
        }
        return status;
      }
      case 'while': {
        const redirected = await this.redirected(node.redirects, io);
        if (!redirected) return 1;
        let status = 0;
        for (;;) {
          const c = await this.condition(node.cond, redirected);
          if ((c === 0) === node.until) break;
          const r = await this.loopBody(node.body, redirected);
          status = this.status;
          if (r === 'break') break;
        }
        return status;
      }
      case 'simple':
        return this.simple(node, io);
    }
  }

  /** Runs a command substitution in a subshell and returns its output. */
  async substitute(script: Node, io: StdIO): Promise<string> {
    const out = new Capture();
    this.status = await this.subshell(() => this.exec(script, { ...io, stdout: out, tty: false }));
    this.substituted = this.status;
    return out.text();
  }

  private async condition(node: Node, io: StdIO): Promise<number> {
    this.conditionDepth++;
    try {
      return await this.exec(node, io);
    } finally {
      this.conditionDepth--;
    }
  }

  private async tick(): Promise<void> {
    if (++this.steps % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
    if (this.signal.aborted) throw new ExitSignal(130);
  }

  private async loopBody(body: Node, io: StdIO): Promise<'break' | 'next'> {
    try {
      this.status = await this.exec(body, io);
      return 'next';
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return e.kind === 'break' ? 'break' : 'next';
    }
  }

  private async pipeline(commands: Node[], io: StdIO): Promise<number> {
    let input = io.stdin;
    let status = 0;
    for (let i = 0; i < commands.length; i++) {
      const last = i === commands.length - 1;
      const out = last ? io.stdout : new Capture();
      status = await this.subshell(() => this.exec(commands[i]!, { ...io, stdin: input, stdout: out, tty: last && io.tty }));
      if (!last) input = new TextInput((out as Capture).text());
    }
    return status;
  }

  private async group(node: Extract<Node, { type: 'group' }>, io: StdIO): Promise<number> {
    const redirected = await this.redirected(node.redirects, io);
    if (!redirected) return 1;
    return node.subshell ? this.subshell(() => this.exec(node.body, redirected)) : this.exec(node.body, redirected);
  }

  /** Runs `fn` with the shell's state restored afterwards; `exit` inside ends only the subshell. */
  private async subshell(fn: () => Promise<number>): Promise<number> {
    const vars = new Map(this.vars);
    const exported = new Set(this.exported);
    const cwd = this.cwd;
    const args = this.args;
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ExitSignal && !this.signal.aborted) return e.code;
      throw e;
    } finally {
      this.vars.clear();
      for (const [k, v] of vars) this.vars.set(k, v);
      this.exported.clear();
      for (const k of exported) this.exported.add(k);
      this.cwd = cwd;
      this.args = args;
    }
  }

  private async redirected(redirects: Redirect[], io: StdIO): Promise<StdIO | undefined> {
    if (redirects.length === 0) return io;
    const host = this.expandHost(io);
    const targets: string[] = [];
    for (const r of redirects) targets.push(await expandString(r.target, host));
    const outcome = applyRedirects(io, redirects, targets, this.sys.fs, this.cwd);
    if (outcome.ok) return outcome.io;
    const say = outcome.reading ? cannotOpen : cannotCreate;
    io.stderr.write(`${say(this.voice, outcome.path, outcome.error)}\n`);
    return undefined;
  }

  private async simple(node: Extract<Node, { type: 'simple' }>, io: StdIO): Promise<number> {
    this.line = this.lineBase + node.line;
    this.substituted = undefined;
    const host = this.expandHost(io);
    const argv = await this.expandAll(node.words, host);
    const assigns: [string, string][] = [];
    for (const a of node.assigns) assigns.push([a.name, await expandString(a.value, host)]);
    const redirected = await this.redirected(node.redirects, io);
    if (!redirected) return this.failed(1);
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.vars.set(k, v);
      return this.substituted ?? 0;
    }
    const name = argv[0]!;
    const builtin = builtins[name];
    if (builtin && !(this.opts.flavour !== 'bash' && BASH_ONLY.has(name))) {
      if (name === 'break' || name === 'continue') throw new LoopSignal(name, Number(argv[1] ?? 1) || 1);
      for (const [k, v] of assigns) if (name === 'export' || name === 'local') this.vars.set(k, v);
      return this.failed(await builtin(this, argv, redirected));
    }
    const outcome = await this.opts.spawn(argv, redirected, this.environment(assigns), this.cwd, this.signal);
    switch (outcome.kind) {
      case 'exited':
        return this.failed(outcome.code);
      case 'not-executable':
        redirected.stderr.write(`${permissionDenied(this.voice, name)}\n`);
        return this.failed(126);
      default:
        redirected.stderr.write(`${notFound(this.voice, name)}\n`);
        return this.failed(127);
    }
  }

  /** `set -e`: a failing command outside a condition ends the shell. */
  private failed(code: number): number {
    if (code !== 0 && this.errexit && this.conditionDepth === 0) throw new ExitSignal(code);
    return code;
  }

  private async expandAll(words: Word[], host = this.expandHost(undefined)): Promise<string[]> {
    const out: string[] = [];
    for (const w of words) out.push(...(await expandWord(w, host)));
    return out;
  }

  expandHost(io: StdIO | undefined): ExpandHost {
    return {
      getVar: (n) => this.getVar(n),
      setVar: (n, v) => this.setVar(n, v),
      substitute: (script) => this.substitute(script, io ?? NO_IO),
      unsetError: (name, message) => {
        io?.stderr.write(`${this.opts.argv0}: ${name}: ${message}\n`);
        return this.opts.flavour === 'bash' ? 1 : 2;
      },
      glob: (pattern) => globPaths(this.sys.fs, this.cwd, pattern),
    };
  }
}

const BASH_ONLY = new Set(['source', 'declare', 'typeset', 'let', 'shopt', 'history']);

const NO_IO: StdIO = { stdin: new TextInput(''), stdout: new Capture(), stderr: new Capture(), tty: false };
