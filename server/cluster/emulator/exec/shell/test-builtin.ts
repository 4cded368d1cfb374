/** `test` / `[`: file tests, string and integer comparisons, `!`, `-a`, `-o`. */
import type { FileSystem } from './system.ts';

export function evaluateTest(args: string[], fs: FileSystem, cwd: string): number | string {
  const value = evalOr(args, fs, cwd);
  return typeof value === 'string' ? value : value ? 0 : 1;
}

function evalOr(args: string[], fs: FileSystem, cwd: string): boolean | string {
  const i = args.indexOf('-o');
  if (i > 0) {
    const l = evalOr(args.slice(0, i), fs, cwd);
    const r = evalOr(args.slice(i + 1), fs, cwd);
    return typeof l === 'string' ? l : typeof r === 'string' ? r : l || r;
  }
  const j = args.indexOf('-a');
  if (j > 0) {
    const l = evalOr(args.slice(0, j), fs, cwd);
    const r = evalOr(args.slice(j + 1), fs, cwd);
    return typeof l === 'string' ? l : typeof r === 'string' ? r : l && r;
  }
  return evalPrimary(args, fs, cwd);
}

function evalPrimary(args: string[], fs: FileSystem, cwd: string): boolean | string {
  if (args[0] === '!') {
    const v = evalPrimary(args.slice(1), fs, cwd);
    return typeof v === 'string' ? v : !v;
  }
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) return unary(args[0]!, args[1]!, fs, cwd);
  if (args.length === 3) return binary(args[0]!, args[1]!, args[2]!);
  return `too many arguments`;
}

function unary(op: string, arg: string, fs: FileSystem, cwd: string): boolean | string {
  const path = fs.absolute(arg, cwd);
  const st = () => fs.stat(path);
  switch (op) {
    case '-z':
      return arg === '';
    case '-n':
      return arg !== '';
    case '-e':
      return typeof st() === 'object';
    case '-f': {
      const s = st();
      return typeof s === 'object' && s.kind === 'file';
    }
    case '-d': {
      const s = st();
      return typeof s === 'object' && s.kind === 'dir';
    }
    case '-s': {
      const s = st();
      return typeof s === 'object' && s.size > 0;
    }
    case '-L':
    case '-h': {
      const s = fs.lstat(path);
      return typeof s === 'object' && s.kind === 'link';
    }
    case '-r':
    case '-w':
      return typeof st() === 'object';
    case '-x': {
      const s = st();
      return typeof s === 'object' && (s.mode & 0o111) !== 0;
    }
    default:
      return `${op}: unexpected operator`;
  }
}

function binary(a: string, op: string, b: string): boolean | string {
  const n = (s: string) => (/^-?\d+$/.test(s.trim()) ? Number(s) : NaN);
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
  }
  const x = n(a);
  const y = n(b);
  if (['-eq', '-ne', '-lt', '-le', '-gt', '-ge'].includes(op) && (Number.isNaN(x) || Number.isNaN(y))) return `Illegal number: ${Number.isNaN(x) ? a : b}`;
  switch (op) {
    case '-eq':
      return x === y;
    case '-ne':
      return x !== y;
    case '-lt':
      return x < y;
    case '-le':
      return x <= y;
    case '-gt':
      return x > y;
    case '-ge':
      return x >= y;
    default:
      return `${op}: unexpected operator`;
  }
}
