/**
 * The external commands a simulated container can run besides the shell's builtins: the coreutils and
 * busybox applets scripts use (date, env, cat, touch, rm, ls, seq, expr, tail -f, yes…), and `test`.
 * Network tools succeed quietly: the simulation has no network to report on.
 */
import { KERNEL_BUILD } from '../../kernel.ts';
import { defaultDate, formatDate } from './date.ts';
import type { ProcEvent } from './events.ts';
import type { ShellHost } from './interpret.ts';

/** What the commands need from the shell running them. */
export interface ShellApi {
  readonly host: ShellHost;
  t: number;
  readonly files: Map<string, string>;
  out(text: string): void;
  err(line: string): void;
  absolute(path: string): string;
  env(extra?: Record<string, string>): Record<string, string>;
  /** Records a file change for readers of the process (exec probes). */
  record(event: ProcEvent): void;
  forever(): Generator<ProcEvent, number>;
  drain(): Generator<ProcEvent, void>;
  arith(expr: string): number;
}

export function testCommand(sh: ShellApi, args: string[]): number {
  const unary = (op: string, v: string): boolean => {
    switch (op) {
      case '-z':
        return v === '';
      case '-n':
        return v !== '';
      case '-f':
      case '-e':
      case '-s':
      case '-r':
        return sh.files.has(sh.absolute(v)) && (op !== '-s' || sh.files.get(sh.absolute(v)) !== '');
      case '-d':
        return [...sh.files.keys()].some((p) => p.startsWith(`${sh.absolute(v).replace(/\/$/, '')}/`)) || v === '/' || v === '/tmp';
      default:
        return false;
    }
  };
  const binary = (a: string, op: string, b: string): boolean | undefined => {
    const n = (x: string) => Number(x) || 0;
    switch (op) {
      case '=':
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '-eq':
        return n(a) === n(b);
      case '-ne':
        return n(a) !== n(b);
      case '-lt':
        return n(a) < n(b);
      case '-le':
        return n(a) <= n(b);
      case '-gt':
        return n(a) > n(b);
      case '-ge':
        return n(a) >= n(b);
      default:
        return undefined;
    }
  };
  let negate = false;
  let a = args;
  if (a[0] === '!') {
    negate = true;
    a = a.slice(1);
  }
  let result: boolean;
  if (a.length === 0) result = false;
  else if (a.length === 1) result = a[0] !== '';
  else if (a.length === 2) result = unary(a[0]!, a[1]!);
  else result = binary(a[0]!, a[1]!, a[2]!) ?? false;
  return result !== negate ? 0 : 1;
}

export function* coreutil(sh: ShellApi, name: string, args: string[], prefixEnv: Record<string, string>): Generator<ProcEvent, number> {
  const busybox = sh.host.flavour === 'ash';
  switch (name) {
    case 'date': {
      const now = sh.host.startedAt + sh.t;
      const fmt = args.find((a) => a.startsWith('+'));
      sh.out(`${fmt ? formatDate(now, fmt.slice(1)) : defaultDate(now)}\n`);
      return 0;
    }
    case 'hostname':
      sh.out(`${sh.host.hostname}\n`);
      return 0;
    case 'whoami':
      sh.out('root\n');
      return 0;
    case 'id':
      sh.out(busybox ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n');
      return 0;
    case 'uname':
      sh.out(args.includes('-a') ? `Linux ${sh.host.hostname} ${sh.host.kernel} ${KERNEL_BUILD} x86_64${busybox ? '' : ' GNU/Linux'}\n` : 'Linux\n');
      return 0;
    case 'env':
    case 'printenv': {
      const env = sh.env(prefixEnv);
      if (name === 'printenv' && args.length) {
        const missing = args.filter((a) => env[a] === undefined);
        for (const a of args) if (env[a] !== undefined) sh.out(`${env[a]}\n`);
        return missing.length ? 1 : 0;
      }
      for (const [k, v] of Object.entries(env)) sh.out(`${k}=${v}\n`);
      return 0;
    }
    case 'cat': {
      let status = 0;
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        const content = sh.files.get(sh.absolute(f));
        if (content === undefined) {
          sh.err(busybox ? `cat: can't open '${f}': No such file or directory` : `cat: ${f}: No such file or directory`);
          status = 1;
        } else sh.out(content);
      }
      return status;
    }
    case 'touch':
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        const path = sh.absolute(f);
        if (!sh.files.has(path)) {
          sh.files.set(path, '');
          sh.record({ t: sh.t, kind: 'file', path, content: '' });
        }
      }
      return 0;
    case 'rm':
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        const path = sh.absolute(f);
        for (const p of [...sh.files.keys()]) {
          if (p === path || p.startsWith(`${path}/`)) {
            sh.files.delete(p);
            sh.record({ t: sh.t, kind: 'file', path: p, content: undefined });
          }
        }
      }
      return 0;
    case 'mkdir':
    case 'chmod':
    case 'chown':
    case 'ln':
    case 'cp':
    case 'mv':
    case 'apk':
    case 'apt-get':
    case 'apt':
    case 'yum':
    case 'dnf':
    case 'pip':
    case 'npm':
    case 'kill':
      return 0;
    case 'ls': {
      const dir = sh.absolute(args.find((a) => !a.startsWith('-')) ?? '/').replace(/\/$/, '');
      const names = new Set<string>();
      for (const p of sh.files.keys()) if (p.startsWith(`${dir}/`)) names.add(p.slice(dir.length + 1).split('/')[0]!);
      if (names.size) sh.out(`${[...names].sort().join('\n')}\n`);
      return 0;
    }
    case 'seq': {
      const nums = args.map(Number);
      const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
      const lines: string[] = [];
      for (let i = first; step > 0 ? i <= last : i >= last; i += step) {
        lines.push(String(i));
        if (lines.length > 100_000) break;
      }
      if (lines.length) sh.out(`${lines.join('\n')}\n`);
      return 0;
    }
    case 'expr': {
      const v = sh.arith(args.join(' ').replace(/\\\*/g, '*'));
      sh.out(`${v}\n`);
      return v === 0 ? 1 : 0;
    }
    case 'tail':
      if (args.includes('-f') || args.includes('-F')) return yield* sh.forever();
      return 0;
    case 'yes': {
      const text = args.join(' ') || 'y';
      for (;;) {
        sh.out(`${text}\n`);
        yield* sh.drain();
        sh.t += 1;
        if (sh.t > 10 * 365 * 86_400_000) return 0;
      }
    }
    default:
      // Network and other tools succeed quietly: the simulation has no network to report on.
      return 0;
  }
}
