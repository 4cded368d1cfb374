/**
 * `ran`: the learner ran a kubectl subcommand (as the API saw it, from the `Kubectl-Command` header:
 * `kubectl rollout undo`) or a shell command matching a regular expression (over the history).
 */
import type { Check } from '../../../src/schemas/check.ts';
import { clip, nameList, plural, regex } from '../text.ts';
import type { CheckContext, SubResult } from '../types.ts';

type RanCheck = Extract<Check, { ran: unknown }>;

/** `kubectl rollout  undo` → `rollout undo`. */
export function kubectlWords(command: string): string[] {
  const words = command.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return words[0] === 'kubectl' ? words.slice(1) : words;
}

function startsWith(words: string[], prefix: string[]): boolean {
  return prefix.length > 0 && prefix.every((w, i) => words[i] === w);
}

export async function evaluateRan(check: RanCheck, ctx: CheckContext): Promise<SubResult[]> {
  const results: SubResult[] = [];
  if (check.ran.kubectl !== undefined) {
    const wanted = kubectlWords(check.ran.kubectl);
    const sent = (await ctx.commands.kubectlCommands()).map(kubectlWords);
    const hits = sent.filter((w) => startsWith(w, wanted)).length;
    const subject = `kubectl ${wanted.join(' ')}`;
    const expected = `you ran kubectl ${wanted.join(' ')}`;
    if (hits > 0) {
      results.push({ ok: true, subject, expected, seen: hits === 1 ? 'you ran it once' : `you ran it ${hits} times` });
    } else {
      // Most recent first, each once.
      const recent = [...new Set(sent.map((w) => w.join(' ')).reverse())].filter(Boolean);
      results.push({ ok: false, subject, expected, seen: recent.length > 0 ? `not yet; your kubectl commands so far: ${nameList(recent, 6)}` : 'no kubectl command yet' });
    }
  }
  if (check.ran.shell !== undefined) {
    const re = new RegExp(check.ran.shell);
    const history = (await ctx.sandbox.history()).map((l) => l.trim()).filter(Boolean);
    const match = [...history].reverse().find((line) => re.test(line));
    const subject = 'your shell history';
    const expected = `a command matching ${regex(check.ran.shell)}`;
    if (match !== undefined) results.push({ ok: true, subject, expected, seen: clip(match, 160) });
    else if (history.length === 0) results.push({ ok: false, subject, expected, seen: 'no commands yet' });
    else results.push({ ok: false, subject, expected, seen: `none of your ${plural(history.length, 'command')} matches; the last one: ${clip(history[history.length - 1]!, 120)}` });
  }
  return results;
}
