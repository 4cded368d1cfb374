/** tar with `c`, `x` and `t` on ustar archives, enough for `kubectl cp` (which runs `tar cf - PATH` and `tar -xmf - -C DIR`). */
import type { Command, CommandContext } from '../command.ts';
import { errnoText } from '../messages.ts';
import { busybox } from './util.ts';

const BLOCK = 512;

function header(name: string, type: '0' | '5' | '2', size: number, mode: number, mtime: number, link = ''): Buffer {
  const h = Buffer.alloc(BLOCK);
  const put = (text: string, off: number, len: number) => h.write(text.slice(0, len), off, len, 'utf8');
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0');
  put(name, 0, 100);
  put(`${octal(mode & 0o7777, 8)}\0`, 100, 8);
  put(`${octal(0, 8)}\0`, 108, 8);
  put(`${octal(0, 8)}\0`, 116, 8);
  put(`${octal(size, 12)}\0`, 124, 12);
  put(`${octal(Math.floor(mtime / 1000), 12)}\0`, 136, 12);
  h.fill(0x20, 148, 156);
  put(type, 156, 1);
  put(link, 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put('root', 265, 32);
  put('root', 297, 32);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

const pad = (n: number) => Buffer.alloc((BLOCK - (n % BLOCK)) % BLOCK);

function create(ctx: CommandContext, base: string, paths: string[]): number {
  const fs = ctx.sys.fs;
  const parts: Buffer[] = [];
  let status = 0;
  let warned = false;
  const add = (shown: string, abs: string) => {
    const st = fs.lstat(abs);
    if (typeof st === 'string') {
      ctx.stderr.write(busybox(ctx) ? `tar: can't open '${shown}': ${errnoText(st)}\n` : `tar: ${shown}: Cannot stat: ${errnoText(st)}\n`);
      status = busybox(ctx) ? 1 : 2;
      return;
    }
    let name = shown.replace(/^\/+/, '');
    if (name !== shown && !warned) {
      warned = true;
      ctx.stderr.write(busybox(ctx) ? "tar: removing leading '/' from member names\n" : "tar: Removing leading `/' from member names\n");
    }
    if (st.kind === 'dir') {
      name = name.endsWith('/') ? name : `${name}/`;
      parts.push(header(name, '5', 0, st.mode, st.mtime));
      const names = fs.list(abs);
      for (const n of Array.isArray(names) ? names : []) add(`${shown.replace(/\/$/, '')}/${n}`, `${abs === '/' ? '' : abs}/${n}`);
    } else if (st.kind === 'link') parts.push(header(name, '2', 0, st.mode, st.mtime, st.target ?? ''));
    else {
      const text = fs.read(abs);
      const body = Buffer.from(typeof text === 'string' ? text : '', 'utf8');
      parts.push(header(name, '0', body.length, st.mode, st.mtime), body, pad(body.length));
    }
  };
  for (const p of paths) add(p, fs.absolute(p, base));
  parts.push(Buffer.alloc(BLOCK * 2));
  ctx.stdout.write(Buffer.concat(parts).toString('utf8'));
  return status;
}

function* entries(archive: Buffer): Generator<{ name: string; type: string; body: Buffer }> {
  for (let off = 0; off + BLOCK <= archive.length; ) {
    const h = archive.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) return;
    const field = (o: number, l: number) => h.toString('utf8', o, o + l).replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    yield { name, type, body: archive.subarray(off + BLOCK, off + BLOCK + size) };
    off += BLOCK + size + ((BLOCK - (size % BLOCK)) % BLOCK);
  }
}

async function extract(ctx: CommandContext, base: string, list: boolean): Promise<number> {
  const archive = Buffer.from(await ctx.stdin.readAll(), 'utf8');
  const fs = ctx.sys.fs;
  let status = 0;
  for (const e of entries(archive)) {
    if (list) {
      ctx.stdout.write(`${e.name}\n`);
      continue;
    }
    const path = fs.absolute(e.name, base);
    const err = e.type === '5' ? (fs.mkdir(path) === 'EEXIST' ? undefined : fs.mkdir(path)) : e.type === '0' ? fs.write(path, e.body.toString('utf8'), false) : undefined;
    if (err) {
      ctx.stderr.write(busybox(ctx) ? `tar: can't open '${e.name}': ${errnoText(err)}\n` : `tar: ${e.name}: Cannot open: ${errnoText(err)}\n`);
      status = 2;
    }
  }
  return status;
}

export const tar: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  const letters = new Set<string>();
  const operands: string[] = [];
  let dir = ctx.cwd;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-C' || a === '--directory') dir = ctx.sys.fs.absolute(args[++i] ?? '.', ctx.cwd);
    else if (i === 0 && /^-?[cxtvfmzpo]+$/.test(a)) for (const c of a.replace(/^-/, '')) letters.add(c);
    else if (/^-[cxtvfmzpo]+$/.test(a)) for (const c of a.slice(1)) letters.add(c);
    else if (a.startsWith('--')) continue;
    else operands.push(a);
  }
  if (letters.has('f')) operands.shift();
  if (letters.has('c')) return create(ctx, dir, operands);
  if (letters.has('x') || letters.has('t')) return extract(ctx, dir, letters.has('t'));
  ctx.stderr.write(busybox(ctx) ? 'tar: need one of -c, -x or -t\n' : 'tar: You must specify one of the \'-Acdtrux\', \'--delete\' or \'--test-label\' options\n');
  return 2;
};
