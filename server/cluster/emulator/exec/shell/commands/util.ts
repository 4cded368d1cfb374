/** Helpers shared by the simulated programs: option parsing, file reading with each toolset's error wording. */
import type { CommandContext } from '../command.ts';
import { errnoText } from '../messages.ts';
import type { FsError } from '../system.ts';

export interface Parsed {
  flags: Set<string>;
  /** Values of options that take one (`-n 5`, `-n5`, `--lines=5`). */
  values: Map<string, string>;
  operands: string[];
}

/**
 * Short options may be grouped (`-la`); `withValue` lists the letters (or long names) that take a value.
 * Long options keep their name (`--silent`). `--` ends options.
 */
export function parseArgs(args: string[], withValue: string[] = []): Parsed {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (eq >= 0) values.set(name, a.slice(eq + 1));
      else if (withValue.includes(name)) values.set(name, args[++i] ?? '');
      else flags.add(name);
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (withValue.includes(c)) {
          values.set(c, j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? ''));
          break;
        }
        flags.add(c);
      }
      continue;
    }
    operands.push(a);
  }
  return { flags, values, operands };
}

export const busybox = (ctx: CommandContext) => ctx.sys.tools.style === 'busybox';

/** `cat: can't open 'x': No such file or directory` (busybox) or `cat: x: No such file or directory` (GNU). */
export function openError(ctx: CommandContext, path: string, err: FsError): string {
  return busybox(ctx) ? `${ctx.name}: can't open '${path}': ${errnoText(err)}` : `${ctx.name}: ${path}: ${errnoText(err)}`;
}

/** Reads a file operand (`-` is standard input); reports errors itself and returns undefined. */
export async function readOperand(ctx: CommandContext, path: string): Promise<string | undefined> {
  if (path === '-') return ctx.stdin.readAll();
  const fs = ctx.sys.fs;
  const abs = fs.absolute(path, ctx.cwd);
  const text = fs.read(abs);
  if (typeof text === 'string') return text;
  if (text.error === 'EISDIR') ctx.stderr.write(busybox(ctx) ? `${ctx.name}: read error: Is a directory\n` : `${ctx.name}: ${path}: Is a directory\n`);
  else ctx.stderr.write(`${openError(ctx, path, text.error)}\n`);
  return undefined;
}

/** The text of every operand, or of standard input when there are none. */
export async function inputs(ctx: CommandContext, operands: string[]): Promise<{ name: string; text: string | undefined }[]> {
  if (operands.length === 0) return [{ name: '-', text: await ctx.stdin.readAll() }];
  const out: { name: string; text: string | undefined }[] = [];
  for (const o of operands) out.push({ name: o, text: await readOperand(ctx, o) });
  return out;
}

export const lines = (text: string) => {
  const l = text.split('\n');
  if (l.at(-1) === '') l.pop();
  return l;
};

export const usage = (ctx: CommandContext, text: string, code = 1) => {
  ctx.stderr.write(`${text}\n`);
  return code;
};

/**
 * Waits `ms`, then goes on with `then`: on the clock in an exec session (130 when interrupted), at once in a
 * container's process computed ahead (`sys.instant`), where the wait is only counted.
 */
export function after(ctx: CommandContext, ms: number, then: () => number): number | Promise<number> {
  if (ctx.sys.instant) {
    ctx.sys.instant.advance(ms);
    return then();
  }
  return ctx.sys.sleep(ms, ctx.signal).then((done) => (done ? then() : 130));
}
