/**
 * What the Run and Copy buttons of a code block in a step do with its text: shell blocks run;
 * `$ ` prompts and the output lines of a console transcript are left out; other languages only copy.
 */
export interface CodeCommand {
  /** Whether the block is shell to run in the terminal. */
  runnable: boolean;
  /** The commands, one per line (continuation lines kept), without prompts or output. */
  run: string;
  /** What Copy puts on the clipboard. */
  copy: string;
}

const SHELL = new Set(['sh', 'bash', 'shell', 'zsh', 'console', 'shellsession', 'shell-session', 'terminal', 'shellscript']);
/** Languages of transcripts: prompts mark the commands, and a block without any is only output. */
const TRANSCRIPT = new Set(['console', 'shellsession', 'shell-session', 'terminal']);
const PROMPT = /^\s*\$ ?/;

export function isShellLanguage(language: string | undefined): boolean {
  return language !== undefined && SHELL.has(language.toLowerCase());
}

export function codeCommand(text: string, language: string | undefined): CodeCommand {
  const body = text.replace(/\s+$/, '');
  if (!isShellLanguage(language)) return { runnable: false, run: '', copy: body };
  const lines = body.split(/\r?\n/);
  const prompted = lines.some((l) => PROMPT.test(l));
  if (!prompted && TRANSCRIPT.has(language!.toLowerCase())) return { runnable: false, run: '', copy: body };
  const commands = prompted ? promptedCommands(lines) : lines;
  const run = commands
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
  return { runnable: run.trim() !== '', run, copy: run };
}

/** A transcript: `$ cmd` lines (and the lines continuing them with `\`), not the output between. */
function promptedCommands(lines: string[]): string[] {
  const out: string[] = [];
  let continuing = false;
  for (const line of lines) {
    if (continuing) out.push(line.replace(/^\s*> ?/, ''));
    else if (PROMPT.test(line)) out.push(line.replace(PROMPT, ''));
    else continue;
    continuing = /\\$/.test(line);
  }
  return out;
}

/** The bytes a terminal gets for Run: each line as if typed, then Enter. */
export function terminalInput(run: string): string {
  return `${run.replace(/\r?\n/g, '\r')}\r`;
}
