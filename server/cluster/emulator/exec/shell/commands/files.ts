/** File programs: cat, head, tail, wc, mkdir, touch, rm, cp, mv, tee, find. */
import type { Command, CommandContext } from '../command.ts';
import { errnoText } from '../messages.ts';
import { busybox, inputs, lines, openError, parseArgs, readOperand } from './util.ts';

const cat: Command = async (ctx) => {
  const { flags, operands } = parseArgs(ctx.argv.slice(1));
  let status = 0;
  let n = 0;
  for (const { text } of await inputs(ctx, operands)) {
    if (text === undefined) {
      status = 1;
      continue;
    }
    if (flags.has('n')) ctx.stdout.write(lines(text).map((l) => `${String(++n).padStart(6)}\t${l}\n`).join(''));
    else ctx.stdout.write(text);
  }
  return status;
};

function count(args: string[]): { n: number; bytes: boolean; rest: string[]; fromStart: boolean } {
  const legacy = args.find((a) => /^-\d+$/.test(a));
  const p = parseArgs(args.filter((a) => a !== legacy), ['n', 'c']);
  const raw = p.values.get('n') ?? p.values.get('c') ?? (legacy ? legacy.slice(1) : '10');
  return { n: Math.abs(parseInt(raw, 10) || 0), bytes: p.values.has('c'), rest: p.operands, fromStart: raw.startsWith('+') };
}

function headOrTail(which: 'head' | 'tail'): Command {
  return async (ctx) => {
    const follow = ctx.argv.includes('-f') || ctx.argv.includes('-F');
    const { n, bytes, rest, fromStart } = count(ctx.argv.slice(1).filter((a) => a !== '-f' && a !== '-F'));
    let status = 0;
    const all = await inputs(ctx, rest);
    all.forEach(({ name, text }, i) => {
      if (text === undefined) {
        status = 1;
        return;
      }
      if (all.length > 1) ctx.stdout.write(`${i ? '\n' : ''}==> ${name} <==\n`);
      if (bytes) {
        ctx.stdout.write(which === 'head' ? text.slice(0, n) : text.slice(-n));
        return;
      }
      const l = lines(text);
      const picked = which === 'head' ? l.slice(0, n) : fromStart ? l.slice(Math.max(0, n - 1)) : l.slice(Math.max(0, l.length - n));
      ctx.stdout.write(picked.map((x) => `${x}\n`).join(''));
    });
    if (which === 'tail' && follow) await ctx.sys.sleep(Number.MAX_SAFE_INTEGER, ctx.signal);
    return status;
  };
}

const wc: Command = async (ctx) => {
  const { flags, operands } = parseArgs(ctx.argv.slice(1));
  const pick = ['l', 'w', 'c', 'm'].filter((f) => flags.has(f));
  const shown = pick.length ? pick : ['l', 'w', 'c'];
  const rows: { counts: number[]; name: string }[] = [];
  let status = 0;
  for (const { name, text } of await inputs(ctx, operands)) {
    if (text === undefined) {
      status = 1;
      continue;
    }
    const c: Record<string, number> = {
      l: (text.match(/\n/g) ?? []).length,
      w: text.split(/\s+/).filter(Boolean).length,
      c: Buffer.byteLength(text),
      m: [...text].length,
    };
    rows.push({ counts: shown.map((k) => c[k]!), name: operands.length ? name : '' });
  }
  if (rows.length > 1) rows.push({ counts: shown.map((_, i) => rows.reduce((a, r) => a + r.counts[i]!, 0)), name: 'total' });
  const single = shown.length === 1 && operands.length <= 1;
  const width = single ? 0 : busybox(ctx) ? 9 : Math.max(...rows.flatMap((r) => r.counts.map((n) => String(n).length)), operands.length ? 1 : 7);
  for (const r of rows) ctx.stdout.write(`${r.counts.map((n) => String(n).padStart(width)).join(busybox(ctx) ? '' : ' ')}${r.name ? ` ${r.name}` : ''}\n`);
  return status;
};

const mkdir: Command = async (ctx) => {
  const { flags, operands } = parseArgs(ctx.argv.slice(1), ['m']);
  const fs = ctx.sys.fs;
  let status = 0;
  for (const o of operands) {
    const abs = fs.absolute(o, ctx.cwd);
    const parts = flags.has('p') ? abs.split('/').filter(Boolean).map((_, i, a) => `/${a.slice(0, i + 1).join('/')}`) : [abs];
    for (const p of parts) {
      const err = fs.mkdir(p);
      if (err && !(err === 'EEXIST' && (flags.has('p') || p !== abs))) {
        ctx.stderr.write(busybox(ctx) ? `mkdir: can't create directory '${o}': ${errnoText(err)}\n` : `mkdir: cannot create directory '${o}': ${errnoText(err)}\n`);
        status = 1;
        break;
      }
    }
  }
  return status;
};

const touch: Command = async (ctx) => {
  const fs = ctx.sys.fs;
  let status = 0;
  for (const o of parseArgs(ctx.argv.slice(1)).operands) {
    const err = fs.write(fs.absolute(o, ctx.cwd), '', true);
    if (err) {
      ctx.stderr.write(busybox(ctx) ? `touch: ${o}: ${errnoText(err)}\n` : `touch: cannot touch '${o}': ${errnoText(err)}\n`);
      status = 1;
    }
  }
  return status;
};

const rm: Command = async (ctx) => {
  const { flags, operands } = parseArgs(ctx.argv.slice(1));
  const fs = ctx.sys.fs;
  let status = 0;
  for (const o of operands) {
    const abs = fs.absolute(o, ctx.cwd);
    const st = fs.lstat(abs);
    let err = typeof st === 'string' ? st : st.kind === 'dir' && !flags.has('r') && !flags.has('R') ? 'EISDIR' : undefined;
    if (!err) err = fs.remove(abs);
    if (err && !(err === 'ENOENT' && flags.has('f'))) {
      ctx.stderr.write(busybox(ctx) ? `rm: can't remove '${o}': ${errnoText(err)}\n` : `rm: cannot remove '${o}': ${errnoText(err)}\n`);
      status = 1;
    }
  }
  return status;
};

function copy(move: boolean): Command {
  return async (ctx) => {
    const { operands } = parseArgs(ctx.argv.slice(1));
    const fs = ctx.sys.fs;
    if (operands.length < 2) return usageMissing(ctx);
    const dest = operands.at(-1)!;
    const destAbs = fs.absolute(dest, ctx.cwd);
    const destInfo = fs.stat(destAbs);
    let status = 0;
    for (const src of operands.slice(0, -1)) {
      const text = await readOperand(ctx, src);
      if (text === undefined) {
        status = 1;
        continue;
      }
      const target = typeof destInfo === 'object' && destInfo.kind === 'dir' ? `${destAbs}/${src.split('/').pop()}` : destAbs;
      const err = fs.write(target, text, false) ?? (move ? fs.remove(fs.absolute(src, ctx.cwd)) : undefined);
      if (err) {
        ctx.stderr.write(`${ctx.name}: cannot create regular file '${dest}': ${errnoText(err)}\n`);
        status = 1;
      }
    }
    return status;
  };
}

function usageMissing(ctx: CommandContext): number {
  ctx.stderr.write(`${ctx.name}: missing file operand\n`);
  return 1;
}

const tee: Command = async (ctx) => {
  const { flags, operands } = parseArgs(ctx.argv.slice(1));
  const text = await ctx.stdin.readAll();
  ctx.stdout.write(text);
  let status = 0;
  for (const o of operands) {
    const err = ctx.sys.fs.write(ctx.sys.fs.absolute(o, ctx.cwd), text, flags.has('a'));
    if (err) {
      ctx.stderr.write(`${openError(ctx, o, err)}\n`);
      status = 1;
    }
  }
  return status;
};

const find: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  const roots: string[] = [];
  while (args.length && !args[0]!.startsWith('-')) roots.push(args.shift()!);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const namePattern = opt('-name');
  const type = opt('-type');
  const maxDepth = Number(opt('-maxdepth') ?? Infinity);
  const re = namePattern ? new RegExp(`^${namePattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`) : undefined;
  const fs = ctx.sys.fs;
  let status = 0;
  const walk = (shown: string, abs: string, depth: number) => {
    const st = fs.lstat(abs);
    if (typeof st === 'string') return;
    const base = shown.split('/').pop() ?? shown;
    const kindOk = !type || (type === 'f' && st.kind === 'file') || (type === 'd' && st.kind === 'dir') || (type === 'l' && st.kind === 'link');
    if (kindOk && (!re || re.test(base))) ctx.stdout.write(`${shown}\n`);
    if (st.kind !== 'dir' || depth >= maxDepth) return;
    const names = fs.list(abs);
    if (!Array.isArray(names)) return;
    for (const n of names) walk(shown.endsWith('/') ? shown + n : `${shown}/${n}`, abs === '/' ? `/${n}` : `${abs}/${n}`, depth + 1);
  };
  for (const r of roots.length ? roots : ['.']) {
    const abs = fs.absolute(r, ctx.cwd);
    if (typeof fs.lstat(abs) === 'string') {
      ctx.stderr.write(`find: '${r}': No such file or directory\n`);
      status = 1;
      continue;
    }
    walk(r, abs, 0);
  }
  return status;
};

export const fileCommands: Record<string, Command> = {
  cat,
  head: headOrTail('head'),
  tail: headOrTail('tail'),
  wc,
  mkdir,
  touch,
  rm,
  cp: copy(false),
  mv: copy(true),
  tee,
  find,
};
