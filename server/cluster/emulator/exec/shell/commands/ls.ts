/** `ls` with `-l`, `-a`, `-A`, `-1`, `-d`, `-h`, `-R`-less: GNU coreutils or busybox layout. */
import type { Command, CommandContext } from '../command.ts';
import { errnoText } from '../messages.ts';
import type { FileInfo } from '../system.ts';
import { busybox, parseArgs } from './util.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HALF_YEAR = 182 * 24 * 3600 * 1000;

export function modeString(info: FileInfo): string {
  const type = info.kind === 'dir' ? 'd' : info.kind === 'link' ? 'l' : '-';
  let s = type;
  for (let shift = 6; shift >= 0; shift -= 3) {
    const bits = (info.mode >> shift) & 7;
    s += (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (bits & 1 ? 'x' : '-');
  }
  if (info.mode & 0o1000) s = s.slice(0, 9) + (s[9] === 'x' ? 't' : 'T');
  return s;
}

function dateString(ms: number, now: number): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const recent = now - ms < HALF_YEAR && ms - now < 3600_000;
  const tail = recent ? `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : ` ${d.getUTCFullYear()}`;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail}`;
}

function human(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? Math.ceil(v * 10) / 10 : Math.ceil(v)}${units[u]}`;
}

interface Entry {
  name: string;
  info: FileInfo;
}

function longLines(ctx: CommandContext, entries: Entry[], humanSizes: boolean): string[] {
  const fs = ctx.sys.fs;
  const now = ctx.sys.now();
  const rows = entries.map((e) => ({
    mode: modeString(e.info),
    nlink: String(e.info.nlink),
    user: fs.userName(e.info.uid) ?? String(e.info.uid),
    group: fs.groupName(e.info.gid) ?? String(e.info.gid),
    size: humanSizes ? human(e.info.size) : String(e.info.size),
    date: dateString(e.info.mtime, now),
    name: e.info.kind === 'link' ? `${e.name} -> ${e.info.target}` : e.name,
  }));
  if (busybox(ctx)) {
    return rows.map((r) => `${r.mode} ${r.nlink.padStart(4)} ${r.user.padEnd(8)} ${r.group.padEnd(8)} ${r.size.padStart(9)} ${r.date} ${r.name}`);
  }
  const w = (k: 'nlink' | 'user' | 'group' | 'size') => Math.max(...rows.map((r) => r[k].length));
  return rows.map((r) => `${r.mode} ${r.nlink.padStart(w('nlink'))} ${r.user.padEnd(w('user'))} ${r.group.padEnd(w('group'))} ${r.size.padStart(w('size'))} ${r.date} ${r.name}`);
}

/** GNU-style columns, filled top to bottom, as wide as the terminal allows. */
export function columns(names: string[], width: number): string[] {
  if (names.length === 0) return [];
  for (let cols = Math.min(names.length, Math.max(1, Math.floor(width / 3))); cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const col = names.slice(c * rows, (c + 1) * rows);
      widths.push(col.length ? Math.max(...col.map((n) => n.length)) + 2 : 0);
    }
    const total = widths.reduce((a, b) => a + b, 0) - 2;
    if (total <= width || cols === 1) {
      const out: string[] = [];
      for (let r = 0; r < rows; r++) {
        let line = '';
        for (let c = 0; c < cols; c++) {
          const n = names[c * rows + r];
          if (n === undefined) continue;
          const last = c === cols - 1 || names[(c + 1) * rows + r] === undefined;
          line += last ? n : n.padEnd(widths[c]!);
        }
        out.push(line);
      }
      return out;
    }
  }
  return names;
}

const blocks = (e: Entry) => (e.info.kind === 'link' ? 0 : Math.ceil(e.info.size / 4096) * 4 || (e.info.kind === 'dir' ? 4 : 0));

export const ls: Command = async (ctx) => {
  const { flags, operands } = parseArgs(ctx.argv.slice(1));
  const fs = ctx.sys.fs;
  const long = flags.has('l') || flags.has('n');
  const all = flags.has('a');
  const almost = flags.has('A');
  const one = flags.has('1') || (!ctx.tty && !flags.has('C'));
  const width = ctx.sys.terminal?.cols ?? 80;
  let status = 0;
  const targets = operands.length ? operands : ['.'];
  const files: Entry[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    const abs = fs.absolute(t, ctx.cwd);
    const st = (long || flags.has('d')) && !flags.has('L') ? fs.lstat(abs) : fs.stat(abs);
    if (typeof st === 'string') {
      ctx.stderr.write(busybox(ctx) ? `ls: ${t}: ${errnoText(st)}\n` : `ls: cannot access '${t}': ${errnoText(st)}\n`);
      status = busybox(ctx) ? 1 : 2;
      continue;
    }
    const followed = st.kind === 'link' ? fs.stat(abs) : st;
    if (flags.has('d') || typeof followed === 'string' || followed.kind !== 'dir') files.push({ name: t, info: st });
    else dirs.push(t);
  }
  const print = (entries: Entry[], total: boolean) => {
    if (long) {
      if (total) ctx.stdout.write(`total ${entries.reduce((a, e) => a + blocks(e), 0)}\n`);
      for (const l of longLines(ctx, entries, flags.has('h'))) ctx.stdout.write(`${l}\n`);
    } else if (one) for (const e of entries) ctx.stdout.write(`${e.name}\n`);
    else for (const l of columns(entries.map((e) => e.name), width)) ctx.stdout.write(`${l}\n`);
  };
  if (files.length) print(files, false);
  dirs.forEach((d, i) => {
    const abs = fs.absolute(d, ctx.cwd);
    const names = fs.list(abs);
    if (!Array.isArray(names)) return;
    const shown = names.filter((n) => all || almost || !n.startsWith('.'));
    const entries: Entry[] = [];
    if (all) for (const n of ['.', '..']) entries.push({ name: n, info: fs.stat(fs.absolute(n, abs)) as FileInfo });
    for (const n of shown) {
      const path = `${abs === '/' ? '' : abs}/${n}`;
      const info = flags.has('L') ? fs.stat(path) : fs.lstat(path);
      if (typeof info === 'object') entries.push({ name: n, info });
    }
    if (files.length || dirs.length > 1) ctx.stdout.write(`${i > 0 || files.length ? '\n' : ''}${d}:\n`);
    print(entries, true);
  });
  return status;
};
