/** Starting programs of the container: find them on the PATH, then run the simulated program or a nested shell. */
import type { CommandContext, CommandTable, StdIO } from './command.ts';
import type { Spawn, SpawnOutcome } from './interpreter.ts';
import { runShellProgram } from './shell-program.ts';
import type { ContainerSystem, ShellFlavour } from './system.ts';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const SHELLS: Record<string, ShellFlavour> = { ash: 'ash', dash: 'dash', bash: 'bash' };

/** Programs an image has but the simulation does not run: they say so and fail. */
async function unsimulated(ctx: CommandContext): Promise<number> {
  ctx.stderr.write(`${ctx.name}: not available in this simulated container\n`);
  return 1;
}

export interface Runner {
  spawn: Spawn;
}

export function createRunner(sys: ContainerSystem, commands: CommandTable, firstPid = 7): Runner {
  let pid = firstPid;
  const nextPid = () => (pid += 6);
  const spawn: Spawn = async (argv, io, env, cwd, signal): Promise<SpawnOutcome> => {
    const name = argv[0] ?? '';
    if (name === '') return { kind: 'not-found' };
    const path = sys.which(name.includes('/') ? sys.fs.absolute(name, cwd) : name, env.get('PATH') ?? DEFAULT_PATH);
    if (!path) return name.includes('/') ? { kind: 'no-such-file' } : { kind: 'not-found' };
    const found = sys.programAt(path);
    if (!found) return { kind: 'not-executable' };
    if ('interpreter' in found) return spawn([...found.interpreter, path, ...argv.slice(1)], io, env, cwd, signal);
    let program = found.program;
    let args = argv;
    if (program === 'busybox' && argv.length > 1) {
      program = argv[1]!;
      args = argv.slice(1);
    }
    const flavour = SHELLS[program];
    if (flavour) return exited(await runShellProgram({ flavour, argv: args, io, env, cwd, signal, sys, spawn, pid: nextPid() }));
    const command = commands[program] ?? unsimulated;
    const child = (a: string[], childIo: StdIO, childEnv?: Map<string, string>, childSignal?: AbortSignal) =>
      spawn(a, childIo, childEnv ?? env, cwd, childSignal ?? signal).then((o) => (o.kind === 'exited' ? o.code : o.kind === 'not-executable' ? 126 : 127));
    return exited(await command({ ...io, argv: args, name: program, env, cwd, sys, signal, spawn: child }));
  };
  return { spawn };
}

const exited = (code: number): SpawnOutcome => ({ kind: 'exited', code });
