/** A shell reading its script from standard input (`kubectl exec -i pod -- sh`): runs each command as soon as it is complete. */
import { parse, ShellSyntaxError } from '../../node-sim/kubelet/shell/parse.ts';
import type { StdIO } from './command.ts';
import type { Shell } from './interpreter.ts';

/** True when the text is a command cut short (an open quote, `if` without `fi`…) rather than a mistake. */
export function incomplete(text: string): boolean {
  try {
    parse(text);
    return false;
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    return /end of file|Unterminated|Missing|expecting/.test(e.message) || /\\$/.test(text);
  }
}

export async function runFromInput(sh: Shell, io: StdIO): Promise<number> {
  let buffer = '';
  let start = 1;
  let lineNo = 0;
  for (;;) {
    const line = await io.stdin.readLine();
    if (line === undefined) break;
    lineNo++;
    buffer = buffer ? `${buffer}\n${line}` : line;
    if (incomplete(buffer)) continue;
    sh.lineBase = start - 1;
    await sh.run(buffer, io);
    buffer = '';
    start = lineNo + 1;
  }
  if (buffer.trim()) {
    sh.lineBase = start - 1;
    await sh.run(buffer, io);
  }
  return sh.status;
}
