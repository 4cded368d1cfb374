/** `sh`, `bash`, `ash`, `dash` as programs: `-c script`, a script file, or commands from standard input. */
import { ExitSignal, type StdIO } from './command.ts';
import { runInteractive } from './interactive.ts';
import { Shell, type Spawn } from './interpreter.ts';
import { errnoText } from './messages.ts';
import { runFromInput } from './script-input.ts';
import type { ContainerSystem, ShellFlavour } from './system.ts';

export interface ShellRun {
  flavour: ShellFlavour;
  argv: string[];
  io: StdIO;
  env: Map<string, string>;
  cwd: string;
  signal: AbortSignal;
  sys: ContainerSystem;
  spawn: Spawn;
  pid: number;
}

export async function runShellProgram(r: ShellRun): Promise<number> {
  const argv0 = r.argv[0] ?? 'sh';
  let command = false;
  let forceInteractive = false;
  let errexit = false;
  let i = 1;
  for (; i < r.argv.length; i++) {
    const a = r.argv[i]!;
    if (a === '--' || a === '-') {
      i++;
      break;
    }
    if (a.startsWith('--')) continue;
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    if (a.includes('c')) command = true;
    if (a.includes('i')) forceInteractive = true;
    if (a.startsWith('-') && a.includes('e')) errexit = true;
  }
  const operands = r.argv.slice(i);
  const say = (line: string) => r.io.stderr.write(`${line}\n`);
  const interactive = !command && operands.length === 0 && (r.io.terminal !== undefined || forceInteractive);
  const make = (name: string, args: string[]) => {
    const sh = new Shell({ flavour: r.flavour, argv0: name, sys: r.sys, env: r.env, cwd: r.cwd, interactive, signal: r.signal, spawn: r.spawn, args, pid: r.pid });
    sh.errexit = errexit;
    return sh;
  };
  const guard = async (fn: () => Promise<number>) => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  };

  if (command) {
    const script = operands[0];
    if (script === undefined) {
      if (r.flavour === 'bash') say(`${argv0}: -c: option requires an argument`);
      else if (r.flavour === 'dash') say(`${argv0}: 0: -c requires an argument`);
      else say(`${argv0}: -c requires an argument`);
      return 2;
    }
    const sh = make(operands[1] ?? argv0, operands.slice(2));
    return guard(() => sh.run(script, r.io));
  }
  if (operands.length > 0) {
    const file = operands[0]!;
    const text = r.sys.fs.read(r.sys.fs.absolute(file, r.cwd));
    if (typeof text !== 'string') {
      if (r.flavour === 'bash') say(`${argv0}: ${file}: ${errnoText(text.error)}`);
      else if (r.flavour === 'dash') say(`${argv0}: 0: cannot open ${file}: No such file`);
      else say(`${argv0}: can't open '${file}': ${errnoText(text.error)}`);
      return r.flavour === 'bash' ? 127 : 2;
    }
    const sh = make(file, operands.slice(1));
    return guard(() => sh.run(text.replace(/^#!.*\n/, '\n'), r.io));
  }
  const sh = make(argv0, []);
  if (interactive && r.io.terminal) return guard(() => runInteractive(sh, r.io.terminal!, r.io));
  return guard(() => runFromInput(sh, r.io));
}
