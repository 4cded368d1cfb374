/** Text programs: echo, printf, grep, sort, uniq, cut, tr, seq, base64, basename, dirname, sed (s///), awk (print). */
import { printf as format } from '../../../node-sim/kubelet/shell/format.ts';
import { echo as echoText } from '../echo.ts';
import type { Command } from '../command.ts';
import { evaluateTest } from '../test-builtin.ts';
import { busybox, inputs, lines, parseArgs, usage } from './util.ts';

/** Basic regular expressions as JavaScript ones: `\(`, `\|`, `\+` are the operators, bare `(`, `|`, `+` literals. */
export function fromBre(bre: string): string {
  let out = '';
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i]!;
    if (c === '\\' && i + 1 < bre.length) {
      const n = bre[++i]!;
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else out += '(){}|+?'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

const grep: Command = async (ctx) => {
  const p = parseArgs(ctx.argv.slice(1), ['e', 'm', 'A', 'B', 'C']);
  const f = p.flags;
  const operands = [...p.operands];
  const pattern = p.values.get('e') ?? operands.shift();
  if (pattern === undefined) return usage(ctx, busybox(ctx) ? 'BusyBox v1.37.0 multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...' : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.", 2);
  const source = f.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : f.has('E') || ctx.name === 'egrep' ? pattern : fromBre(pattern);
  let re: RegExp;
  try {
    re = new RegExp(f.has('w') ? `\\b(?:${source})\\b` : f.has('x') ? `^(?:${source})$` : source, f.has('i') ? 'i' : '');
  } catch {
    return usage(ctx, `grep: Invalid regular expression`, 2);
  }
  const files = await inputs(ctx, operands);
  let matched = false;
  let status = 0;
  for (const { name, text } of files) {
    if (text === undefined) {
      status = 2;
      continue;
    }
    const prefix = files.length > 1 && !f.has('h') ? `${name}:` : '';
    let n = 0;
    const hits: string[] = [];
    lines(text).forEach((l, i) => {
      if (re.test(l) === f.has('v')) return;
      n++;
      if (f.has('o')) hits.push(...[...l.matchAll(new RegExp(re.source, `g${re.flags}`))].map((m) => `${prefix}${m[0]}`));
      else hits.push(`${prefix}${f.has('n') ? `${i + 1}:` : ''}${l}`);
    });
    if (n) matched = true;
    if (f.has('q')) continue;
    if (f.has('c')) ctx.stdout.write(`${prefix}${n}\n`);
    else if (f.has('l')) {
      if (n) ctx.stdout.write(`${name === '-' ? '(standard input)' : name}\n`);
    } else for (const h of hits) ctx.stdout.write(`${h}\n`);
  }
  return status === 2 && !matched ? 2 : matched ? 0 : 1;
};

const sort: Command = async (ctx) => {
  const { flags, operands } = parseArgs(ctx.argv.slice(1), ['k', 't']);
  let all = (await inputs(ctx, operands)).flatMap((i) => (i.text === undefined ? [] : lines(i.text)));
  all.sort(flags.has('n') ? (a, b) => (parseFloat(a) || 0) - (parseFloat(b) || 0) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (flags.has('r')) all.reverse();
  if (flags.has('u')) all = all.filter((l, i) => i === 0 || l !== all[i - 1]);
  ctx.stdout.write(all.map((l) => `${l}\n`).join(''));
  return 0;
};

const uniq: Command = async (ctx) => {
  const { flags, operands } = parseArgs(ctx.argv.slice(1));
  const all = (await inputs(ctx, operands.slice(0, 1))).flatMap((i) => (i.text === undefined ? [] : lines(i.text)));
  const groups: { line: string; n: number }[] = [];
  for (const l of all) {
    const last = groups.at(-1);
    if (last && last.line === l) last.n++;
    else groups.push({ line: l, n: 1 });
  }
  for (const g of groups) {
    if (flags.has('d') && g.n < 2) continue;
    ctx.stdout.write(flags.has('c') ? `${String(g.n).padStart(7)} ${g.line}\n` : `${g.line}\n`);
  }
  return 0;
};

function ranges(spec: string): (i: number) => boolean {
  const parts = spec.split(',').map((r) => {
    const [a, b] = r.split('-');
    const lo = a ? Number(a) : 1;
    const hi = r.includes('-') ? (b ? Number(b) : Infinity) : lo;
    return [lo, hi] as const;
  });
  return (i) => parts.some(([lo, hi]) => i >= lo && i <= hi);
}

const cut: Command = async (ctx) => {
  const { values, operands } = parseArgs(ctx.argv.slice(1), ['d', 'f', 'c']);
  const delim = values.get('d') ?? '\t';
  const fields = values.get('f');
  const chars = values.get('c');
  if (!fields && !chars) return usage(ctx, 'cut: you must specify a list of bytes, characters, or fields');
  const keep = ranges((fields ?? chars)!);
  for (const { text } of await inputs(ctx, operands)) {
    if (text === undefined) continue;
    for (const l of lines(text)) {
      if (chars) ctx.stdout.write(`${[...l].filter((_, i) => keep(i + 1)).join('')}\n`);
      else ctx.stdout.write(`${l.includes(delim) ? l.split(delim).filter((_, i) => keep(i + 1)).join(delim) : l}\n`);
    }
  }
  return 0;
};

function expandSet(set: string): string {
  const named: Record<string, string> = { '[:lower:]': 'a-z', '[:upper:]': 'A-Z', '[:digit:]': '0-9', '[:space:]': ' \t\n\r', '[:alpha:]': 'a-zA-Z', '[:alnum:]': 'a-zA-Z0-9' };
  let s = set.replace(/\[:[a-z]+:\]/g, (m) => named[m] ?? m).replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  s = s.replace(/(.)-(.)/gs, (_, a: string, b: string) => {
    let r = '';
    for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) r += String.fromCharCode(c);
    return r;
  });
  return s;
}

const tr: Command = async (ctx) => {
  const { flags, operands } = parseArgs(ctx.argv.slice(1));
  const from = expandSet(operands[0] ?? '');
  const to = expandSet(operands[1] ?? '');
  const text = await ctx.stdin.readAll();
  let out = '';
  for (const c of text) {
    const i = from.indexOf(c);
    if (flags.has('d')) {
      if (i < 0) out += c;
    } else out += i < 0 ? c : (to[Math.min(i, to.length - 1)] ?? c);
  }
  if (flags.has('s') && to) out = out.replace(new RegExp(`([${to.replace(/[\]\\^-]/g, '\\$&')}])\\1+`, 'g'), '$1');
  ctx.stdout.write(out);
  return 0;
};

const seq: Command = async (ctx) => {
  const n = ctx.argv.slice(1).map(Number);
  const [first, step, last] = n.length === 1 ? [1, 1, n[0]!] : n.length === 2 ? [n[0]!, 1, n[1]!] : [n[0]!, n[1]!, n[2]!];
  if ([first, step, last].some((x) => Number.isNaN(x)) || step === 0) return usage(ctx, `seq: invalid argument`);
  let out = '';
  for (let i = first, k = 0; step > 0 ? i <= last : i >= last; i += step, k++) {
    if (k > 100_000) break;
    out += `${i}\n`;
  }
  ctx.stdout.write(out);
  return 0;
};

const base64: Command = async (ctx) => {
  const { flags, values, operands } = parseArgs(ctx.argv.slice(1), ['w']);
  const [input] = await inputs(ctx, operands);
  if (input?.text === undefined) return 1;
  if (flags.has('d') || flags.has('--decode')) {
    const clean = input.text.replace(/\s+/g, '');
    ctx.stdout.write(Buffer.from(clean, 'base64').toString('utf8'));
    return /^[A-Za-z0-9+/]*={0,2}$/.test(clean) ? 0 : usage(ctx, 'base64: invalid input');
  }
  const enc = Buffer.from(input.text, 'utf8').toString('base64');
  const wrap = Number(values.get('w') ?? 76);
  ctx.stdout.write(wrap === 0 ? enc : `${enc.replace(new RegExp(`.{${wrap}}`, 'g'), '$&\n').replace(/\n$/, '')}\n`);
  return 0;
};

/** `sed 's/a/b/g'`, `-e`, `-n` with `p`, and `-i` on files. */
const sed: Command = async (ctx) => {
  const { flags, values, operands } = parseArgs(ctx.argv.slice(1), ['e']);
  const files = [...operands];
  const script = values.get('e') ?? files.shift() ?? '';
  const m = /^s(.)(.*?)\1(.*?)\1([gip0-9]*)$/.exec(script);
  const print = /^(\d+)?p$/.exec(script);
  const del = /^(\d+)?d$/.exec(script);
  if (!m && !print && !del) return usage(ctx, `sed: -e expression #1, char ${script.length}: unknown command`);
  const apply = (text: string) =>
    lines(text)
      .flatMap((l, i) => {
        if (m) {
          const re = new RegExp(fromBre(m[2]!), `${m[4]!.includes('g') ? 'g' : ''}${m[4]!.includes('i') ? 'i' : ''}`);
          const out = l.replace(re, m[3]!.replace(/\\(\d)/g, '$$$1').replace(/&/g, '$$&'));
          return flags.has('n') && !(m[4]!.includes('p') && out !== l) ? [] : [out];
        }
        const hit = !(print ?? del)![1] || Number((print ?? del)![1]) === i + 1;
        if (del) return hit ? [] : [l];
        return flags.has('n') ? (hit ? [l] : []) : hit ? [l, l] : [l];
      })
      .map((l) => `${l}\n`)
      .join('');
  for (const { name, text } of await inputs(ctx, files)) {
    if (text === undefined) return 2;
    if (flags.has('i') && name !== '-') ctx.sys.fs.write(ctx.sys.fs.absolute(name, ctx.cwd), apply(text), false);
    else ctx.stdout.write(apply(text));
  }
  return 0;
};

/** `awk '{print $1, $3}'` with `-F`; other programs are beyond the simulation. */
const awk: Command = async (ctx) => {
  const { values, operands } = parseArgs(ctx.argv.slice(1), ['F']);
  const program = operands.shift() ?? '';
  const m = /^\s*(?:\/(.*)\/\s*)?\{\s*print\s*(.*?)\s*;?\s*\}\s*$/.exec(program);
  if (!m) return usage(ctx, `awk: this simulated awk only runs '{print ...}' programs`, 2);
  const sep = values.get('F');
  const filter = m[1] ? new RegExp(m[1]) : undefined;
  const items = (m[2] || '$0').split(/\s*,\s*/);
  for (const { text } of await inputs(ctx, operands)) {
    if (text === undefined) continue;
    for (const l of lines(text)) {
      if (filter && !filter.test(l)) continue;
      const fields = sep ? l.split(sep) : l.trim().split(/\s+/);
      const val = (item: string) => item.replace(/\$(NF|\d+)/g, (_, k: string) => (k === '0' ? l : k === 'NF' ? (fields.at(-1) ?? '') : (fields[Number(k) - 1] ?? ''))).replace(/^"(.*)"$/, '$1');
      ctx.stdout.write(`${items.map(val).join(' ')}\n`);
    }
  }
  return 0;
};

export const textCommands: Record<string, Command> = {
  echo: async (ctx) => {
    ctx.stdout.write(echoText(ctx.argv.slice(1), false));
    return 0;
  },
  printf: async (ctx) => {
    ctx.stdout.write(format(ctx.argv[1] ?? '', ctx.argv.slice(2)));
    return 0;
  },
  true: async () => 0,
  false: async () => 1,
  test: async (ctx) => {
    const r = evaluateTest(ctx.argv.slice(1), ctx.sys.fs, ctx.cwd);
    return typeof r === 'number' ? r : usage(ctx, `test: ${r}`, 2);
  },
  '[': async (ctx) => {
    const r = evaluateTest(ctx.argv.slice(1, -1), ctx.sys.fs, ctx.cwd);
    return typeof r === 'number' ? r : usage(ctx, `[: ${r}`, 2);
  },
  grep,
  egrep: grep,
  sort,
  uniq,
  cut,
  tr,
  seq,
  base64,
  sed,
  awk,
  basename: async (ctx) => {
    const [path = '', suffix] = ctx.argv.slice(1);
    let b = path.replace(/\/+$/, '').split('/').pop() || '/';
    if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
    ctx.stdout.write(`${b}\n`);
    return 0;
  },
  dirname: async (ctx) => {
    const path = (ctx.argv[1] ?? '').replace(/\/+$/, '');
    const i = path.lastIndexOf('/');
    ctx.stdout.write(`${i < 0 ? '.' : i === 0 ? '/' : path.slice(0, i)}\n`);
    return 0;
  },
};
