/** `command`: a shell command run in the learner's sandbox ends with an exit status and an output. */
import type { Check } from '../../../src/schemas/check.ts';
import { clip, excerpt, quote, regex } from '../text.ts';
import type { CheckContext, SubResult } from '../types.ts';

type CommandCheck = Extract<Check, { command: unknown }>;

export interface CommandOptions {
  /** How long the command may run (default 10 s). */
  timeoutMs?: number;
}

type StdoutMatch = NonNullable<CommandCheck['command']['stdout']>;

function describeOutput(m: StdoutMatch): string[] {
  return [
    ...(m.equals !== undefined ? [`output ${quote(m.equals.trim())}`] : []),
    ...(m.contains !== undefined ? [`output containing ${quote(m.contains)}`] : []),
    ...(m.matches !== undefined ? [`output matching ${regex(m.matches)}`] : []),
  ];
}

function outputMatches(stdout: string, m: StdoutMatch): boolean {
  return (
    (m.equals === undefined || stdout.trim() === m.equals.trim()) &&
    (m.contains === undefined || stdout.includes(m.contains)) &&
    (m.matches === undefined || new RegExp(m.matches, 'm').test(stdout))
  );
}

export async function evaluateCommand(check: CommandCheck, ctx: CheckContext, opts: CommandOptions = {}): Promise<SubResult[]> {
  const spec = check.command;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const subject = `$ ${clip(spec.run, 100)}`;
  const expected = [`exit status ${spec.exitCode}`, ...(spec.stdout ? describeOutput(spec.stdout) : [])].join(' and ');
  const r = await ctx.sandbox.run(spec.run, { timeoutMs });
  if (r.timedOut) return [{ ok: false, subject, expected, seen: `still running after ${Math.round(timeoutMs / 1000)} s, so it was stopped` }];
  if (r.code !== spec.exitCode) {
    const said = r.stderr.trim() !== '' ? r.stderr : r.stdout;
    return [{ ok: false, subject, expected, seen: said.trim() === '' ? `exit status ${r.code} and no output` : `exit status ${r.code}: ${excerpt(said)}` }];
  }
  const ok = spec.stdout ? outputMatches(r.stdout, spec.stdout) : true;
  const seen = r.stdout.trim() === '' ? `exit status ${r.code} and no output` : `exit status ${r.code}, output: ${excerpt(r.stdout)}`;
  return [{ ok, subject, expected, seen }];
}
