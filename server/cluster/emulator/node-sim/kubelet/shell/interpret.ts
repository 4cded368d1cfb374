/**
 * Runs a parsed shell script on simulated time: builtins and a handful of coreutils produce output lines,
 * `sleep` advances the clock, files written are remembered (for `cat` and exec probes), and the script's exit
 * status is the process's exit code. Error texts follow the image's shell: busybox ash, Debian dash, or bash.
 */
import { evaluateArith } from './arith.ts';
import { coreutil, testCommand, type ShellApi } from './coreutils.ts';
import { printf, unescape } from './format.ts';

/** Kept here for modules that format like the shell's printf (the exec shell). */
export { printf };
import { controlVars, sameSteps, stepsBetween } from './loop-analysis.ts';
import { FOREVER, type ProcEvent } from './events.ts';
import { parse, ShellSyntaxError, type Node, type Redirect, type Word } from './parse.ts';

export type Flavour = 'ash' | 'dash' | 'bash';

export interface ShellHost {
  flavour: Flavour;
  /** How the shell names itself in errors: `sh` or `bash`. */
  argv0: string;
  env: Record<string, string>;
  files: Map<string, string>;
  hostname: string;
  /** Kernel release for `uname -a`. */
  kernel: string;
  /** Epoch ms of the process start, for `date`. */
  startedAt: number;
  hasBinary(name: string): boolean;
  /** Image programs the script may run by name (a server binary, `stress`…); undefined when not special. */
  program?(argv: string[]): Generator<ProcEvent, number> | undefined;
  /** Network programs (wget, curl, nslookup) answered by the cluster's network; undefined when not one. */
  network?(argv: string[]): { stdout: string; stderr: string; code: number; ms: number } | undefined;
  /** Reader-side hint: output before this time is not needed (ms since start). */
  skipUntil(): number;
}

class ExitSignal {
  constructor(readonly code: number) {}
}
class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

type Sink = { kind: 'log' } | { kind: 'null' } | { kind: 'capture'; buf: string[] } | { kind: 'file'; path: string; append: boolean };

/** Time an external command takes (ms); builtins take none. Keeps busy loops from printing at one instant. */
const EXTERNAL_MS = 1;
const MAX_STEPS_WITHOUT_TIME = 5_000;

export class Shell implements ShellApi {
  t = 0;
  status = 0;
  private readonly vars = new Map<string, string>();
  private readonly exported = new Set<string>();
  private readonly pending: ProcEvent[] = [];
  private partial: Record<1 | 2, string> = { 1: '', 2: '' };
  private sinks: Record<1 | 2, Sink> = { 1: { kind: 'log' }, 2: { kind: 'log' } };
  readonly files: Map<string, string>;
  private line = 1;
  private stepsWithoutTime = 0;

  constructor(readonly host: ShellHost) {
    for (const [k, v] of Object.entries(host.env)) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    this.files = host.files;
  }

  /** Runs a script; the generator's return value is the exit code. */
  *runScript(script: string, args: string[] = []): Generator<ProcEvent, number> {
    let node: Node;
    try {
      node = parse(script);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.err(this.syntaxMessage(e));
        this.flushPartial();
        yield* this.drain();
        return 2;
      }
      throw e;
    }
    args.forEach((a, i) => this.vars.set(String(i), a));
    let code: number;
    try {
      code = yield* this.exec(node);
    } catch (e) {
      if (e instanceof ExitSignal) code = e.code;
      else throw e;
    }
    this.flushPartial();
    yield* this.drain();
    return code;
  }

  private syntaxMessage(e: ShellSyntaxError): string {
    if (this.host.flavour === 'bash') return `${this.host.argv0}: -c: line ${e.line}: syntax error: ${e.message.replace(/^Syntax error: /, '')}`;
    if (this.host.flavour === 'dash') return `${this.host.argv0}: ${e.line}: ${e.message}`;
    return `${this.host.argv0}: ${e.message.replace(/^Syntax error: /, 'syntax error: ')}`;
  }

  // ---- output -------------------------------------------------------------------------------------------

  private write(fd: 1 | 2, text: string): void {
    const sink = this.sinks[fd];
    if (sink.kind === 'null') return;
    if (sink.kind === 'capture') {
      sink.buf.push(text);
      return;
    }
    if (sink.kind === 'file') {
      const before = this.files.get(sink.path) ?? '';
      this.files.set(sink.path, before + text);
      this.pending.push({ t: this.t, kind: 'file', path: sink.path, content: before + text });
      return;
    }
    const all = this.partial[fd] + text;
    const lines = all.split('\n');
    this.partial[fd] = lines.pop()!;
    for (const l of lines) this.pending.push({ t: this.t, kind: 'out', text: l });
  }

  out(text: string): void {
    this.write(1, text);
  }

  err(line: string): void {
    this.write(2, `${line}\n`);
  }

  record(event: ProcEvent): void {
    this.pending.push(event);
  }

  private flushPartial(): void {
    for (const fd of [1, 2] as const) {
      if (this.partial[fd]) this.pending.push({ t: this.t, kind: 'out', text: this.partial[fd] });
      this.partial[fd] = '';
    }
  }

  *drain(): Generator<ProcEvent, void> {
    while (this.pending.length) yield this.pending.shift()!;
  }

  private notFound(name: string): string {
    if (this.host.flavour === 'bash') return `${this.host.argv0}: line ${this.line}: ${name}: command not found`;
    if (this.host.flavour === 'dash') return `${this.host.argv0}: ${this.line}: ${name}: not found`;
    return `${this.host.argv0}: ${name}: not found`;
  }

  // ---- expansion ----------------------------------------------------------------------------------------

  private getVar(name: string): string | undefined {
    if (name === '?') return String(this.status);
    if (name === '$') return '1';
    if (name === '#') return '0';
    if (name === 'RANDOM') return String((this.t * 7919 + 17) % 32768);
    return this.vars.get(name);
  }

  /** Expands a word into fields: unquoted expansions are split on whitespace, quoted text is kept whole. */
  private *expand(word: Word): Generator<ProcEvent, string[]> {
    const fields: string[] = [];
    let current = '';
    let hasCurrent = false;
    for (const seg of word) {
      let text: string;
      if (seg.kind === 'lit') text = seg.text;
      else if (seg.kind === 'var') text = yield* this.expandVar(seg);
      else if (seg.kind === 'arith') text = String(this.arith(yield* this.expandString(this.rawWord(seg.expr))));
      else text = (yield* this.capture(seg.script)).replace(/\n+$/, '');
      if (seg.quoted || seg.kind === 'lit') {
        current += text;
        hasCurrent = true;
        continue;
      }
      const parts = text.split(/[ \t\n]+/);
      parts.forEach((p, i) => {
        if (i > 0) {
          if (hasCurrent) fields.push(current);
          current = '';
          hasCurrent = false;
        }
        if (p) {
          current += p;
          hasCurrent = true;
        }
      });
    }
    if (hasCurrent) fields.push(current);
    return fields;
  }

  private rawWord(text: string): Word {
    return [{ kind: 'lit', text, quoted: true }];
  }

  private *expandString(word: Word): Generator<ProcEvent, string> {
    let s = '';
    for (const seg of word) {
      if (seg.kind === 'lit') s += seg.text;
      else if (seg.kind === 'var') s += yield* this.expandVar(seg);
      else if (seg.kind === 'arith') s += String(this.arith(yield* this.expandString(this.rawWord(seg.expr))));
      else s += (yield* this.capture(seg.script)).replace(/\n+$/, '');
    }
    return s;
  }

  private *expandVar(seg: Extract<Word[number], { kind: 'var' }>): Generator<ProcEvent, string> {
    const value = this.getVar(seg.name);
    if (!seg.op) return value ?? '';
    const colon = seg.op.startsWith(':');
    const unset = value === undefined || (colon && value === '');
    const arg = seg.arg ? yield* this.expandString(seg.arg) : '';
    switch (seg.op.replace(':', '')) {
      case '-':
        return unset ? arg : value!;
      case '=':
        if (unset) this.vars.set(seg.name, arg);
        return unset ? arg : value!;
      case '+':
        return unset ? '' : arg;
      case '?':
        if (unset) {
          this.err(`${this.host.argv0}: ${seg.name}: ${arg || 'parameter not set'}`);
          throw new ExitSignal(this.host.flavour === 'bash' ? 1 : 2);
        }
        return value!;
      case '#':
        return seg.name === '#' ? '0' : String((value ?? '').length);
      default:
        return value ?? '';
    }
  }

  arith(expr: string): number {
    return evaluateArith(expr.replace(/\$/g, ''), (name) => this.vars.get(name));
  }

  /** Runs a command substitution, collecting its standard output. */
  private *capture(node: Node): Generator<ProcEvent, string> {
    const saved = this.sinks;
    const buf: string[] = [];
    this.sinks = { 1: { kind: 'capture', buf }, 2: saved[2] };
    try {
      this.status = yield* this.exec(node);
    } finally {
      this.sinks = saved;
    }
    return buf.join('');
  }

  // ---- execution ----------------------------------------------------------------------------------------

  *exec(node: Node): Generator<ProcEvent, number> {
    switch (node.type) {
      case 'list': {
        let status = 0;
        for (const item of node.items) {
          status = yield* this.exec(item.node);
          this.status = status;
        }
        return status;
      }
      case 'and': {
        const left = yield* this.exec(node.left);
        this.status = left;
        return left === 0 ? yield* this.exec(node.right) : left;
      }
      case 'or': {
        const left = yield* this.exec(node.left);
        this.status = left;
        return left !== 0 ? yield* this.exec(node.right) : left;
      }
      case 'not':
        return (yield* this.exec(node.node)) === 0 ? 1 : 0;
      case 'pipe': {
        // Only the last command's output reaches the log; earlier ones feed it.
        let status = 0;
        for (let i = 0; i < node.commands.length; i++) {
          if (i < node.commands.length - 1) {
            yield* this.capture(node.commands[i]!);
          } else status = yield* this.exec(node.commands[i]!);
        }
        return status;
      }
      case 'group': {
        const restore = yield* this.redirect(node.redirects);
        try {
          if (!node.subshell) return yield* this.exec(node.body);
          const savedVars = new Map(this.vars);
          try {
            return yield* this.exec(node.body);
          } catch (e) {
            if (e instanceof ExitSignal) return e.code;
            throw e;
          } finally {
            this.vars.clear();
            for (const [k, v] of savedVars) this.vars.set(k, v);
          }
        } finally {
          restore();
        }
      }
      case 'if': {
        for (const b of node.branches) {
          if ((yield* this.exec(b.cond)) === 0) return yield* this.exec(b.body);
        }
        return node.otherwise ? yield* this.exec(node.otherwise) : 0;
      }
      case 'for': {
        const items = node.items ? (yield* this.expandAll(node.items)) : [];
        let status = 0;
        for (const item of items) {
          this.vars.set(node.name, item);
          const r = yield* this.loopBody(node.body);
          if (r === 'break') break;
          status = this.status;
        }
        return status;
      }
      case 'while':
        return yield* this.whileLoop(node);
      case 'simple':
        return yield* this.simple(node);
    }
  }

  private *expandAll(words: Word[]): Generator<ProcEvent, string[]> {
    const out: string[] = [];
    for (const w of words) out.push(...(yield* this.expand(w)));
    return out;
  }

  private *loopBody(body: Node): Generator<ProcEvent, 'break' | 'continue' | 'next'> {
    try {
      this.status = yield* this.exec(body);
      return 'next';
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return e.kind;
    }
  }

  /**
   * `while`/`until`. An iteration that takes as long as the previous one and leaves files unchanged and every
   * variable either unchanged or moved by the same step (a counter) makes the loop periodic: iterations the
   * reader asked to skip are jumped over, counters advanced by as many steps, provided no counter decides
   * when the loop ends (tests, `if`, `exit`, `break`).
   */
  private *whileLoop(node: Extract<Node, { type: 'while' }>): Generator<ProcEvent, number> {
    const restore = yield* this.redirect(node.redirects);
    try {
      let last: { vars: Map<string, string>; files: string; duration: number; steps?: Map<string, number> } | undefined;
      let status = 0;
      const control = controlVars(node);
      for (;;) {
        const began = this.t;
        const cond = yield* this.exec(node.cond);
        if ((cond === 0) === node.until) break;
        const r = yield* this.loopBody(node.body);
        status = this.status;
        if (r === 'break') break;
        yield* this.drain();
        const duration = this.t - began;
        if (duration === 0 && ++this.stepsWithoutTime > MAX_STEPS_WITHOUT_TIME) {
          this.t += 1;
          this.stepsWithoutTime = 0;
        }
        const now = { vars: new Map(this.vars), files: JSON.stringify([...this.files]), duration };
        const steps = last && last.files === now.files && last.duration === duration && duration > 0 ? stepsBetween(last.vars, now.vars) : undefined;
        const periodic = steps && sameSteps(steps, last?.steps ?? new Map()) && ![...steps.keys()].some((v) => control.has(v));
        const skipUntil = this.host.skipUntil();
        if (periodic && this.t + 2 * duration < skipUntil) {
          const n = Math.floor((skipUntil - this.t) / duration - 1);
          this.t += n * duration;
          for (const [v, step] of steps) this.vars.set(v, String(Number(this.vars.get(v)) + n * step));
          now.vars = new Map(this.vars);
        }
        last = { ...now, ...(steps ? { steps } : {}) };
      }
      return status;
    } finally {
      restore();
    }
  }

  /** Applies redirections; returns a function that restores the previous sinks. */
  private *redirect(redirects: Redirect[]): Generator<ProcEvent, () => void> {
    const saved = this.sinks;
    if (redirects.length === 0) return () => undefined;
    const next = { ...saved };
    for (const r of redirects) {
      const target = yield* this.expandString(r.target);
      if (r.op === '<') continue;
      const fd = (r.fd === 2 ? 2 : 1) as 1 | 2;
      if (r.op === '>&') {
        next[fd] = target === '2' ? saved[2] : target === '1' ? next[1] : next[fd];
        continue;
      }
      if (target === '/dev/null') next[fd] = { kind: 'null' };
      else if (target === '/dev/stdout' || target === '/proc/1/fd/1') next[fd] = saved[1];
      else if (target === '/dev/stderr' || target === '/proc/1/fd/2') next[fd] = saved[2];
      else {
        const path = this.absolute(target);
        if (r.op === '>') {
          this.files.set(path, '');
          this.pending.push({ t: this.t, kind: 'file', path, content: '' });
        }
        next[fd] = { kind: 'file', path, append: r.op === '>>' };
      }
    }
    this.sinks = next;
    return () => {
      this.sinks = saved;
    };
  }

  absolute(path: string): string {
    return path.startsWith('/') ? path : `/${path}`;
  }

  private *simple(node: Extract<Node, { type: 'simple' }>): Generator<ProcEvent, number> {
    this.line = node.line;
    const argv = yield* this.expandAll(node.words);
    if (argv.length === 0) {
      for (const a of node.assigns) this.vars.set(a.name, yield* this.expandString(a.value));
      return this.status;
    }
    const prefixEnv: Record<string, string> = {};
    for (const a of node.assigns) prefixEnv[a.name] = yield* this.expandString(a.value);
    const restore = yield* this.redirect(node.redirects);
    try {
      const status = yield* this.command(argv, prefixEnv);
      this.status = status;
      return status;
    } finally {
      restore();
      yield* this.drain();
    }
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) out[k] = v;
    }
    return { ...out, ...extra };
  }

  private *command(argv: string[], prefixEnv: Record<string, string>): Generator<ProcEvent, number> {
    const [name, ...args] = argv as [string, ...string[]];
    const base = name.split('/').pop()!;
    switch (base) {
      case ':':
      case 'true':
        return 0;
      case 'false':
        return 1;
      case 'echo':
        return this.echo(args);
      case 'printf':
        this.out(printf(args[0] ?? '', args.slice(1)));
        return 0;
      case 'exit':
        throw new ExitSignal(args[0] !== undefined ? Number(args[0]) & 255 : this.status);
      case 'break':
      case 'continue':
        throw new LoopSignal(base, Number(args[0] ?? 1) || 1);
      case 'sleep':
        return yield* this.sleep(args);
      case 'export':
        for (const a of args) {
          const [k, ...v] = a.split('=');
          if (v.length) this.vars.set(k!, v.join('='));
          this.exported.add(k!);
        }
        return 0;
      case 'unset':
        for (const a of args) this.vars.delete(a);
        return 0;
      case 'set':
      case 'trap':
      case 'wait':
      case 'cd':
      case 'ulimit':
      case 'umask':
      case 'shopt':
      case 'local':
        return 0;
      case 'read':
        return 1;
      case 'test':
        return testCommand(this, args);
      case '[':
      case '[[':
        return testCommand(this, args.slice(0, -1));
      case 'exec':
        if (args.length === 0) return 0;
        throw new ExitSignal(yield* this.command(args, prefixEnv));
      case 'pwd':
        this.out('/\n');
        return 0;
      case 'sh':
      case 'bash':
      case 'ash':
        return yield* this.subshell(base, args);
    }
    // Not a builtin: an external command of the image.
    const net = this.host.network?.(argv);
    if (net) {
      this.t += Math.max(EXTERNAL_MS, net.ms);
      if (net.stdout) this.write(1, net.stdout);
      if (net.stderr) this.write(2, net.stderr);
      return net.code;
    }
    const program = this.host.program?.(argv);
    if (program) {
      const code = yield* this.runExternal(program);
      return code;
    }
    if (!this.host.hasBinary(base)) {
      this.err(this.notFound(name));
      return 127;
    }
    this.t += EXTERNAL_MS;
    return yield* coreutil(this, base, args, prefixEnv);
  }

  private *runExternal(program: Generator<ProcEvent, number>): Generator<ProcEvent, number> {
    const offset = this.t;
    for (;;) {
      const r = program.next();
      if (r.done) return r.value;
      if (r.value.t >= FOREVER) return yield* this.forever();
      const ev = { ...r.value, t: r.value.t + offset };
      this.t = ev.t;
      yield ev;
    }
  }

  private *subshell(name: string, args: string[]): Generator<ProcEvent, number> {
    if (args[0] !== '-c') return 0;
    const child = new Shell({ ...this.host, argv0: name, env: this.env(), files: this.files, startedAt: this.host.startedAt + this.t });
    child.t = 0;
    const offset = this.t;
    const it = child.runScript(args[1] ?? '', args.slice(2));
    for (;;) {
      const r = it.next();
      if (r.done) {
        this.t = offset + child.t;
        return r.value;
      }
      yield { ...r.value, t: r.value.t + offset };
    }
  }

  private echo(args: string[]): number {
    let newline = true;
    let escapes = this.host.flavour === 'dash';
    while (args[0] && /^-[neE]+$/.test(args[0])) {
      const flag = args.shift()!;
      if (flag.includes('n')) newline = false;
      if (flag.includes('e')) escapes = true;
      if (flag.includes('E')) escapes = false;
    }
    let text = args.join(' ');
    if (escapes) text = unescape(text);
    this.out(text + (newline ? '\n' : ''));
    return 0;
  }

  private *sleep(args: string[]): Generator<ProcEvent, number> {
    let total = 0;
    for (const a of args) {
      if (a === 'infinity' || a === 'inf') return yield* this.forever();
      const m = /^(\d*\.?\d+)([smhd]?)$/.exec(a);
      if (!m) {
        this.err(this.host.flavour === 'ash' ? `sleep: invalid number '${a}'` : `sleep: invalid time interval '${a}'`);
        return 1;
      }
      total += Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'] * 1000;
    }
    if (args.length === 0) {
      this.err(this.host.flavour === 'ash' ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.' : 'sleep: missing operand');
      return 1;
    }
    yield* this.drain();
    this.t += Math.round(total);
    this.stepsWithoutTime = 0;
    return 0;
  }

  /** A command that never ends (sleep infinity, tail -f): the process runs until it is stopped. */
  *forever(): Generator<ProcEvent, number> {
    yield* this.drain();
    for (;;) {
      this.t += 86_400_000;
      yield* this.drain();
      if (this.t > 10 * 365 * 86_400_000) return 0;
    }
  }

}
