/** Commands the shell runs itself: cd, export, exit, echo, test, read and the rest of the POSIX special builtins. */
import { printf } from '../../node-sim/kubelet/shell/format.ts';
import { ExitSignal, type StdIO } from './command.ts';
import type { Shell } from './interpreter.ts';
import { cdFailed, notFound } from './messages.ts';
import { echo } from './echo.ts';
import { evaluateTest } from './test-builtin.ts';

export type Builtin = (sh: Shell, argv: string[], io: StdIO) => Promise<number>;

const ok = async () => 0;

const say = (io: StdIO, text: string) => io.stderr.write(`${text}\n`);

/** `sh: 1: exit: ` (dash), `sh: exit: ` (ash), `bash: line 1: exit: ` (bash). */
function prefix(sh: Shell, name: string): string {
  const v = sh.voice;
  if (v.flavour === 'dash') return `${v.argv0}: ${v.line}: ${name}: `;
  if (v.flavour === 'bash') return v.interactive ? `${v.argv0}: ${name}: ` : `${v.argv0}: line ${v.line}: ${name}: `;
  return `${v.argv0}: ${name}: `;
}

const quoteSingle = (v: string) => `'${v.replace(/'/g, `'"'"'`)}'`;

export const builtins: Record<string, Builtin> = {
  ':': ok,
  true: ok,
  false: async () => 1,
  alias: ok,
  unalias: ok,
  trap: ok,
  wait: ok,
  hash: ok,
  jobs: ok,
  history: ok,
  shopt: ok,
  break: ok,
  continue: ok,
  umask: async (_sh, argv, io) => {
    if (argv.length === 1) io.stdout.write('0022\n');
    return 0;
  },
  ulimit: async (_sh, _argv, io) => {
    io.stdout.write('unlimited\n');
    return 0;
  },
  echo: async (sh, argv, io) => {
    io.stdout.write(echo(argv.slice(1), sh.opts.flavour === 'dash'));
    return 0;
  },
  printf: async (_sh, argv, io) => {
    if (argv.length < 2) {
      say(io, 'printf: usage: printf format [arguments]');
      return 2;
    }
    io.stdout.write(printf(argv[1]!, argv.slice(2)));
    return 0;
  },
  pwd: async (sh, _argv, io) => {
    io.stdout.write(`${sh.cwd}\n`);
    return 0;
  },
  cd: async (sh, argv, io) => {
    let target = argv[1] ?? sh.getVar('HOME') ?? '/';
    const back = target === '-';
    if (back) target = sh.getVar('OLDPWD') ?? sh.cwd;
    const fs = sh.sys.fs;
    const path = fs.absolute(target, sh.cwd);
    const st = fs.stat(path);
    const err = typeof st === 'string' ? st : st.kind !== 'dir' ? 'ENOTDIR' : undefined;
    if (err) {
      say(io, cdFailed(sh.voice, target, err));
      return sh.opts.flavour === 'dash' ? 2 : 1;
    }
    sh.setVar('OLDPWD', sh.cwd);
    sh.cwd = path;
    sh.setVar('PWD', path);
    if (back) io.stdout.write(`${path}\n`);
    return 0;
  },
  exit: async (sh, argv, io) => {
    const arg = argv[1];
    if (arg !== undefined && !/^-?\d+$/.test(arg)) {
      say(io, sh.opts.flavour === 'bash' ? `${prefix(sh, 'exit')}${arg}: numeric argument required` : `${prefix(sh, 'exit')}Illegal number: ${arg}`);
      throw new ExitSignal(2);
    }
    throw new ExitSignal(arg === undefined ? sh.status : Number(arg) & 255);
  },
  export: async (sh, argv, io) => {
    const names = argv.slice(1).filter((a) => a !== '-p');
    if (names.length === 0) {
      for (const k of [...sh.exported].sort()) {
        const v = sh.vars.get(k);
        if (v === undefined) continue;
        io.stdout.write(sh.opts.flavour === 'bash' ? `declare -x ${k}="${v.replace(/(["\\$`])/g, '\\$1')}"\n` : `export ${k}=${quoteSingle(v)}\n`);
      }
      return 0;
    }
    for (const a of names) {
      const eq = a.indexOf('=');
      const k = eq < 0 ? a : a.slice(0, eq);
      if (eq >= 0) sh.setVar(k, a.slice(eq + 1));
      sh.exported.add(k);
    }
    return 0;
  },
  local: async (sh, argv) => {
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      if (eq >= 0) sh.setVar(a.slice(0, eq), a.slice(eq + 1));
    }
    return 0;
  },
  unset: async (sh, argv) => {
    for (const a of argv.slice(1)) {
      if (a.startsWith('-')) continue;
      sh.vars.delete(a);
      sh.exported.delete(a);
    }
    return 0;
  },
  set: async (sh, argv, io) => {
    if (argv.length === 1) {
      for (const k of [...sh.vars.keys()].sort()) io.stdout.write(`${k}=${quoteSingle(sh.vars.get(k)!)}\n`);
      return 0;
    }
    let i = 1;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--') {
        i++;
        break;
      }
      if (!/^[-+][a-zA-Z]+$/.test(a)) break;
      if (a.includes('e')) sh.errexit = a.startsWith('-');
    }
    if (i < argv.length || argv.includes('--')) sh.args = argv.slice(i);
    return 0;
  },
  shift: async (sh, argv) => {
    const n = Number(argv[1] ?? 1) || 0;
    if (n > sh.args.length) return 1;
    sh.args = sh.args.slice(n);
    return 0;
  },
  test: async (sh, argv, io) => runTest(sh, argv.slice(1), io, 'test'),
  '[': async (sh, argv, io) => {
    if (argv.at(-1) !== ']') {
      say(io, `${prefix(sh, '[')}missing ]`);
      return 2;
    }
    return runTest(sh, argv.slice(1, -1), io, '[');
  },
  read: async (sh, argv, io) => {
    const names: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-p') io.stderr.write(argv[++i] ?? '');
      else if (a === '-t' || a === '-n' || a === '-d' || a === '-u') i++;
      else if (!a.startsWith('-')) names.push(a);
    }
    const line = await io.stdin.readLine();
    if (line === undefined) return 1;
    const vars = names.length ? names : ['REPLY'];
    const fields = line.trim().split(/[ \t]+/);
    vars.forEach((v, i) => sh.setVar(v, i === vars.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '')));
    return 0;
  },
  type: async (sh, argv, io) => {
    let status = 0;
    for (const name of argv.slice(1)) {
      if (builtins[name]) io.stdout.write(`${name} is a shell builtin\n`);
      else {
        const path = sh.sys.which(name, sh.getVar('PATH') ?? '');
        if (path) io.stdout.write(`${name} is ${path}\n`);
        else {
          status = 1;
          if (sh.opts.flavour === 'bash') say(io, `${prefix(sh, 'type')}${name}: not found`);
          else io.stdout.write(`${name}: not found\n`);
        }
      }
    }
    return status;
  },
  command: async (sh, argv, io) => {
    if (argv[1] === '-v' || argv[1] === '-V') {
      let status = 0;
      for (const name of argv.slice(2)) {
        const path = builtins[name] ? name : sh.sys.which(name, sh.getVar('PATH') ?? '');
        if (path) io.stdout.write(`${path}\n`);
        else status = 1;
      }
      return status;
    }
    const rest = argv.slice(1);
    if (rest.length === 0) return 0;
    const outcome = await sh.opts.spawn(rest, io, sh.environment(), sh.cwd, sh.signal);
    if (outcome.kind === 'exited') return outcome.code;
    say(io, notFound(sh.voice, rest[0]!));
    return 127;
  },
  exec: async (sh, argv, io) => {
    const rest = argv.slice(1);
    if (rest.length === 0) return 0;
    const outcome = await sh.opts.spawn(rest, io, sh.environment(), sh.cwd, sh.signal);
    if (outcome.kind === 'exited') throw new ExitSignal(outcome.code);
    say(io, notFound(sh.voice, rest[0]!));
    throw new ExitSignal(127);
  },
  eval: async (sh, argv, io) => sh.run(argv.slice(1).join(' '), io),
  '.': async (sh, argv, io) => source(sh, argv, io),
  source: async (sh, argv, io) => source(sh, argv, io),
  kill: async (_sh, argv, io) => {
    if (argv[1] === '-l') io.stdout.write('HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM\n');
    return 0;
  },
  let: async (sh, argv, io) => sh.run(argv.slice(1).map((a) => a.replace(/^([A-Za-z_]\w*)=(.*)$/, '$1=$(($2))')).join('; '), io),
  declare: async (sh, argv, io) => builtins.export!(sh, argv.filter((a) => !/^-[a-z]+$/.test(a) || a === '-p'), io),
  typeset: async (sh, argv, io) => builtins.declare!(sh, argv, io),
};

async function runTest(sh: Shell, args: string[], io: StdIO, name: string): Promise<number> {
  const r = evaluateTest(args, sh.sys.fs, sh.cwd);
  if (typeof r === 'number') return r;
  say(io, `${prefix(sh, name)}${r}`);
  return 2;
}

async function source(sh: Shell, argv: string[], io: StdIO): Promise<number> {
  const file = argv[1];
  if (!file) return 0;
  const text = sh.sys.fs.read(sh.sys.fs.absolute(file, sh.cwd));
  if (typeof text !== 'string') {
    say(io, `${prefix(sh, argv[0]!)}${file}: not found`);
    return sh.opts.flavour === 'bash' ? 1 : 2;
  }
  return sh.run(text, io);
}
