/** An interactive shell on a terminal: prompt, history, Ctrl-C interrupting the running command, `exit` and Ctrl-D. */
import { ExitSignal, type StdIO } from './command.ts';
import type { Shell } from './interpreter.ts';
import { prompt } from './prompt.ts';
import { incomplete } from './script-input.ts';
import { INTERRUPTED, type Terminal } from './tty.ts';

export async function runInteractive(sh: Shell, term: Terminal, io: StdIO): Promise<number> {
  const history: string[] = [];
  const outer = sh.signal;
  const sys = sh.sys;
  let buffer = '';
  let count = 0;
  const bye = () => {
    if (sh.opts.flavour === 'bash') term.output.write('exit\n');
  };
  for (;;) {
    if (outer.aborted) return sh.status;
    const ps = buffer
      ? '> '
      : prompt({
          flavour: sh.opts.flavour,
          bashStyle: sys.tools.bash.prompt,
          bashVersion: sys.tools.bash.version,
          user: sys.fs.userName(sys.identity.uid) ?? 'I have no name!',
          uid: sys.identity.uid,
          hostname: sys.hostname,
          cwd: sh.cwd,
          home: sh.getVar('HOME') ?? '/',
        });
    const line = await term.readLine({ prompt: ps, history });
    if (line === INTERRUPTED) {
      buffer = '';
      sh.status = 130;
      continue;
    }
    if (line === undefined) {
      if (sh.opts.flavour === 'bash') bye();
      else term.output.write('\n');
      return sh.status;
    }
    count++;
    buffer = buffer ? `${buffer}\n${line}` : line;
    if (incomplete(buffer)) continue;
    if (buffer.trim()) history.push(buffer);
    const ctrl = new AbortController();
    const stop = () => ctrl.abort();
    outer.addEventListener('abort', stop);
    term.onInterrupt = stop;
    sh.signal = ctrl.signal;
    sh.lineBase = count - 1;
    try {
      await sh.run(buffer, io);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      if (!ctrl.signal.aborted) {
        bye();
        return e.code;
      }
    } finally {
      term.onInterrupt = undefined;
      outer.removeEventListener('abort', stop);
      sh.signal = outer;
    }
    if (ctrl.signal.aborted) {
      sh.status = 130;
      term.output.write('\n');
    }
    buffer = '';
  }
}
