/**
 * Word expansion: parameters (`$X`, `${X:-d}`), command substitution, arithmetic, `~`, field splitting of
 * unquoted expansions, and pathname globbing of unquoted `*`, `?` and `[…]`.
 */
import { evaluateArith } from '../../node-sim/kubelet/shell/arith.ts';
import type { Node, Word } from '../../node-sim/kubelet/shell/parse.ts';
import { ExitSignal } from './command.ts';

export interface ExpandHost {
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  /** Output of a command substitution, trailing newlines removed by the caller. */
  substitute(script: Node): Promise<string>;
  /** Reports `${X:?message}` and returns the status the shell exits with. */
  unsetError(name: string, message: string): number;
  /** Paths matching a pattern (relative to the working directory when the pattern is), sorted. */
  glob(pattern: string): string[];
}

const GLOB = /[*?[]/;
const escapeGlob = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

interface Field {
  text: string;
  pattern: string;
  globbable: boolean;
}

/** Expands a word into fields. */
export async function expandWord(word: Word, host: ExpandHost): Promise<string[]> {
  const fields: Field[] = [];
  let cur: Field | undefined;
  const add = (text: string, literal: boolean) => {
    cur ??= { text: '', pattern: '', globbable: false };
    cur.text += text;
    if (literal && GLOB.test(text)) {
      cur.pattern += text;
      cur.globbable = true;
    } else cur.pattern += escapeGlob(text);
  };
  for (let i = 0; i < word.length; i++) {
    const seg = word[i]!;
    if (seg.kind === 'lit') {
      let text = seg.text;
      if (i === 0 && !seg.quoted && (text === '~' || text.startsWith('~/'))) text = (host.getVar('HOME') ?? '/') + text.slice(1);
      add(text, !seg.quoted);
      if (seg.quoted && text === '') cur ??= { text: '', pattern: '', globbable: false };
      continue;
    }
    const value = await expandSegment(seg, host);
    if (seg.quoted) {
      add(value, false);
      cur ??= { text: '', pattern: '', globbable: false };
      continue;
    }
    const parts = value.split(/[ \t\n]+/);
    parts.forEach((p, j) => {
      if (j > 0 && cur) {
        fields.push(cur);
        cur = undefined;
      }
      if (p) add(p, false);
    });
  }
  if (cur) fields.push(cur);
  const out: string[] = [];
  for (const f of fields) {
    const matches = f.globbable ? host.glob(f.pattern) : [];
    if (matches.length) out.push(...matches);
    else out.push(f.text);
  }
  return out;
}

/** Expands a word into one string: no field splitting, no globbing (assignments, redirection targets, here). */
export async function expandString(word: Word, host: ExpandHost): Promise<string> {
  let s = '';
  for (let i = 0; i < word.length; i++) {
    const seg = word[i]!;
    if (seg.kind === 'lit') {
      let text = seg.text;
      if (i === 0 && !seg.quoted && (text === '~' || text.startsWith('~/'))) text = (host.getVar('HOME') ?? '/') + text.slice(1);
      s += text;
    } else s += await expandSegment(seg, host);
  }
  return s;
}

async function expandSegment(seg: Exclude<Word[number], { kind: 'lit' }>, host: ExpandHost): Promise<string> {
  switch (seg.kind) {
    case 'cmd':
      return (await host.substitute(seg.script)).replace(/\n+$/, '');
    case 'arith': {
      const expr = await expandString([{ kind: 'lit', text: seg.expr, quoted: true }], host);
      return String(evaluateArith(expr.replace(/\$/g, ''), (n) => host.getVar(n)));
    }
    case 'var':
      return expandParameter(seg, host);
  }
}

async function expandParameter(seg: Extract<Word[number], { kind: 'var' }>, host: ExpandHost): Promise<string> {
  const value = host.getVar(seg.name);
  if (!seg.op) return value ?? '';
  const colon = seg.op.startsWith(':');
  const unset = value === undefined || (colon && value === '');
  const arg = async () => (seg.arg ? expandString(seg.arg, host) : '');
  switch (seg.op.replace(':', '')) {
    case '-':
      return unset ? arg() : value!;
    case '=': {
      if (!unset) return value!;
      const v = await arg();
      host.setVar(seg.name, v);
      return v;
    }
    case '+':
      return unset ? '' : arg();
    case '?':
      if (unset) throw new ExitSignal(host.unsetError(seg.name, (await arg()) || 'parameter not set'));
      return value!;
    case '#':
      return String((value ?? '').length);
    default:
      return value ?? '';
  }
}
