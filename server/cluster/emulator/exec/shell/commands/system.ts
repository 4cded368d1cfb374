/** Programs about the process and its container: env, printenv, id, whoami, hostname, uname, date, sleep, ps, which, stty. */
import { defaultDate, formatDate } from '../../../node-sim/kubelet/shell/date.ts';
import type { Command, CommandContext } from '../command.ts';
import { busybox, parseArgs, usage } from './util.ts';

const env: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  const vars = new Map(ctx.env);
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-i' || a === '-') vars.clear();
    else if (a === '-u') vars.delete(args[++i] ?? '');
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
      const eq = a.indexOf('=');
      vars.set(a.slice(0, eq), a.slice(eq + 1));
    } else break;
  }
  const command = args.slice(i);
  if (command.length === 0) {
    for (const [k, v] of vars) ctx.stdout.write(`${k}=${v}\n`);
    return 0;
  }
  if (!ctx.sys.which(command[0]!, vars.get('PATH') ?? '')) {
    ctx.stderr.write(busybox(ctx) ? `env: can't execute '${command[0]}': No such file or directory\n` : `env: '${command[0]}': No such file or directory\n`);
    return 127;
  }
  return ctx.spawn(command, ctx, vars);
};

const printenv: Command = async (ctx) => {
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (names.length === 0) {
    for (const [k, v] of ctx.env) ctx.stdout.write(`${k}=${v}\n`);
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const v = ctx.env.get(n);
    if (v === undefined) status = 1;
    else ctx.stdout.write(`${v}\n`);
  }
  return status;
};

function idLine(ctx: CommandContext): string {
  const { uid, gid, groups } = ctx.sys.identity;
  const fs = ctx.sys.fs;
  const named = (id: number, name: string | undefined) => (name ? `${id}(${name})` : String(id));
  const all = [...new Set([gid, ...groups])].sort((a, b) => a - b);
  return `uid=${named(uid, fs.userName(uid))} gid=${named(gid, fs.groupName(gid))} groups=${all.map((g) => named(g, fs.groupName(g))).join(',')}`;
}

const id: Command = async (ctx) => {
  const { flags } = parseArgs(ctx.argv.slice(1));
  const { uid, gid } = ctx.sys.identity;
  const fs = ctx.sys.fs;
  if (flags.has('u')) ctx.stdout.write(`${flags.has('n') ? (fs.userName(uid) ?? uid) : uid}\n`);
  else if (flags.has('g')) ctx.stdout.write(`${flags.has('n') ? (fs.groupName(gid) ?? gid) : gid}\n`);
  else ctx.stdout.write(`${idLine(ctx)}\n`);
  return 0;
};

const whoami: Command = async (ctx) => {
  const uid = ctx.sys.identity.uid;
  const name = ctx.sys.fs.userName(uid);
  if (name) {
    ctx.stdout.write(`${name}\n`);
    return 0;
  }
  return usage(ctx, busybox(ctx) ? `whoami: unknown uid ${uid}` : `whoami: cannot find name for user ID ${uid}`);
};

const hostname: Command = async (ctx) => {
  const { flags, operands } = parseArgs(ctx.argv.slice(1));
  if (operands.length) return usage(ctx, busybox(ctx) ? 'hostname: sethostname: Operation not permitted' : 'hostname: you must be root to change the host name');
  if (flags.has('i') || flags.has('I')) ctx.stdout.write(`${ctx.sys.net.podIP}${flags.has('I') ? ' ' : ''}\n`);
  else if (flags.has('s')) ctx.stdout.write(`${ctx.sys.hostname.split('.')[0]}\n`);
  else ctx.stdout.write(`${ctx.sys.hostname}\n`);
  return 0;
};

const uname: Command = async (ctx) => {
  const { flags } = parseArgs(ctx.argv.slice(1));
  const k = ctx.sys.kernel;
  const parts: string[] = [];
  const all = flags.has('a');
  if (all || flags.has('s') || flags.size === 0) parts.push('Linux');
  if (all || flags.has('n')) parts.push(ctx.sys.hostname);
  if (all || flags.has('r')) parts.push(k.release);
  if (all || flags.has('v')) parts.push(k.version);
  if (all || flags.has('m')) parts.push(k.machine);
  if (all || flags.has('o')) parts.push('GNU/Linux');
  ctx.stdout.write(`${parts.join(' ')}\n`);
  return 0;
};

const date: Command = async (ctx) => {
  const fmt = ctx.argv.slice(1).find((a) => a.startsWith('+'));
  const now = ctx.sys.now();
  ctx.stdout.write(`${fmt ? formatDate(now, fmt.slice(1)) : defaultDate(now)}\n`);
  return 0;
};

/** `5`, `0.5`, `2m`, `1h`: seconds as sleep(1) reads them. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'] * 1000;
}

const sleep: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) return usage(ctx, busybox(ctx) ? 'BusyBox v1.37.0 multi-call binary.\n\nUsage: sleep [N]...' : "sleep: missing operand\nTry 'sleep --help' for more information.");
  let ms = 0;
  for (const a of args) {
    const d = a === 'infinity' ? Number.MAX_SAFE_INTEGER : parseDuration(a);
    if (d === undefined) return usage(ctx, `sleep: invalid ${busybox(ctx) ? 'number' : 'time interval'} '${a}'`);
    ms += d;
  }
  return (await ctx.sys.sleep(ms, ctx.signal)) ? 0 : 130;
};

const ps: Command = async (ctx) => {
  const fs = ctx.sys.fs;
  const now = ctx.sys.now();
  const procs = ctx.sys.processes();
  // Run from a shell, ps is a process of its own; exec'd directly, it is the exec'd process.
  if (procs.at(-1)?.command !== ctx.argv.join(' ')) procs.push({ pid: (procs.at(-1)?.pid ?? 1) + 6, uid: ctx.sys.identity.uid, command: ctx.argv.join(' '), startedAt: now });
  const user = (uid: number) => fs.userName(uid) ?? String(uid);
  const time = (_started: number, hms: boolean) => (hms ? '00:00:00' : '0:00');
  if (busybox(ctx)) {
    ctx.stdout.write('PID   USER     TIME  COMMAND\n');
    for (const p of procs) ctx.stdout.write(`${String(p.pid).padStart(5)} ${user(p.uid).padEnd(8)} ${time(p.startedAt, false).padStart(5)} ${p.command}\n`);
    return 0;
  }
  const args = ctx.argv.slice(1).join(' ');
  if (/(^|\s)-?[a-z]*e|aux/.test(args)) {
    if (args.includes('aux')) {
      ctx.stdout.write('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n');
      for (const p of procs) ctx.stdout.write(`${user(p.uid).padEnd(8)} ${String(p.pid).padStart(7)}  0.0  0.1  11404  7304 ?        Ss   ${formatStart(p.startedAt)}   0:00 ${p.command}\n`);
    } else {
      ctx.stdout.write('UID          PID    PPID  C STIME TTY          TIME CMD\n');
      for (const p of procs) ctx.stdout.write(`${user(p.uid).padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.pid === 1 ? 0 : 1).padStart(7)}  0 ${formatStart(p.startedAt)} ?        ${time(p.startedAt, true)} ${p.command}\n`);
    }
    return 0;
  }
  ctx.stdout.write('    PID TTY          TIME CMD\n');
  for (const p of procs.slice(-2)) ctx.stdout.write(`${String(p.pid).padStart(7)} ${ctx.tty ? 'pts/0' : '?    '}    ${time(p.startedAt, true)} ${p.command.split(' ')[0]!.split('/').pop()}\n`);
  return 0;
};

const formatStart = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
};

const which: Command = async (ctx) => {
  let status = 0;
  for (const n of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const path = ctx.sys.which(n, ctx.env.get('PATH') ?? '');
    if (path) ctx.stdout.write(`${path}\n`);
    else status = 1;
  }
  return status;
};

const stty: Command = async (ctx) => {
  const term = ctx.sys.terminal;
  if (!ctx.tty || !term) return usage(ctx, busybox(ctx) ? "stty: standard input: Not a tty" : "stty: 'standard input': Inappropriate ioctl for device");
  if (ctx.argv[1] === 'size') ctx.stdout.write(`${term.rows} ${term.cols}\n`);
  else if (ctx.argv.length === 1) ctx.stdout.write(`speed 38400 baud; rows ${term.rows}; columns ${term.cols}; line = 0;\n`);
  return 0;
};

const tput: Command = async (ctx) => {
  const term = ctx.sys.terminal ?? { rows: 24, cols: 80 };
  switch (ctx.argv[1]) {
    case 'cols':
      ctx.stdout.write(`${term.cols}\n`);
      return 0;
    case 'lines':
      ctx.stdout.write(`${term.rows}\n`);
      return 0;
    case 'clear':
      ctx.stdout.write('\x1b[H\x1b[2J\x1b[3J');
      return 0;
    default:
      return 0;
  }
};

const timeout: Command = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const ms = parseDuration(args[0] ?? '');
  if (ms === undefined || args.length < 2) return usage(ctx, 'timeout: invalid time interval', 125);
  const child = new AbortController();
  const relay = () => child.abort();
  ctx.signal.addEventListener('abort', relay);
  const timer = new AbortController();
  let timedOut = false;
  void ctx.sys.sleep(ms, timer.signal).then((done) => {
    if (!done) return;
    timedOut = true;
    child.abort();
  });
  const code = await ctx.spawn(args.slice(1), ctx, undefined, child.signal);
  timer.abort();
  ctx.signal.removeEventListener('abort', relay);
  return timedOut ? 124 : code;
};

export const systemCommands: Record<string, Command> = {
  env,
  printenv,
  id,
  whoami,
  hostname,
  uname,
  date,
  sleep,
  ps,
  which,
  stty,
  tput,
  timeout,
  nproc: async (ctx) => {
    ctx.stdout.write('2\n');
    return 0;
  },
  clear: async (ctx) => {
    ctx.stdout.write('\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
  kill: async () => 0,
  yes: async (ctx) => {
    const text = `${ctx.argv[1] ?? 'y'}\n`.repeat(4096);
    while (!ctx.signal.aborted) {
      ctx.stdout.write(text);
      await new Promise((r) => setImmediate(r));
    }
    return 130;
  },
};
