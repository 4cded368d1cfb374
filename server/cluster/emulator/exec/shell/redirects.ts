/** `>`, `>>`, `<` and `n>&m`: the standard streams a command runs with. */
import type { Redirect } from '../../node-sim/kubelet/shell/parse.ts';
import type { StdIO } from './command.ts';
import { emptyInput, TextInput, type Output } from './io.ts';
import type { FileSystem, FsError } from './system.ts';

export const nullOutput: Output = { write() {} };

/** Appends everything written to a file of the container. */
class FileOutput implements Output {
  constructor(
    private readonly fs: FileSystem,
    private readonly path: string,
  ) {}
  write(text: string): void {
    this.fs.write(this.path, text, true);
  }
}

export type RedirectOutcome = { ok: true; io: StdIO } | { ok: false; path: string; error: FsError; reading: boolean };

/** Applies redirections left to right; `targets` are the already-expanded target words. */
export function applyRedirects(io: StdIO, redirects: Redirect[], targets: string[], fs: FileSystem, cwd: string): RedirectOutcome {
  let cur: StdIO = { ...io };
  for (let i = 0; i < redirects.length; i++) {
    const r = redirects[i]!;
    const target = targets[i]!;
    if (r.op === '>&') {
      const from = target === '1' ? cur.stdout : target === '2' ? cur.stderr : undefined;
      if (!from) continue;
      cur = setFd(cur, r.fd, from);
      continue;
    }
    if (r.op === '<') {
      if (target === '/dev/null') {
        cur = { ...cur, stdin: emptyInput };
        continue;
      }
      const path = fs.absolute(target, cwd);
      const text = fs.read(path);
      if (typeof text !== 'string') return { ok: false, path: target, error: text.error, reading: true };
      cur = { ...cur, stdin: new TextInput(text) };
      continue;
    }
    const out = openOutput(target, r.op === '>>', fs, cwd, cur);
    if ('error' in out) return { ok: false, path: target, error: out.error, reading: false };
    cur = setFd(cur, r.fd, out.output);
  }
  return { ok: true, io: cur };
}

function setFd(io: StdIO, fd: number, out: Output): StdIO {
  if (fd === 1) return { ...io, stdout: out };
  if (fd === 2) return { ...io, stderr: out };
  return io;
}

function openOutput(target: string, append: boolean, fs: FileSystem, cwd: string, io: StdIO): { output: Output } | { error: FsError } {
  if (target === '/dev/null') return { output: nullOutput };
  if (target === '/dev/stdout' || target === '/proc/self/fd/1') return { output: io.stdout };
  if (target === '/dev/stderr' || target === '/proc/self/fd/2') return { output: io.stderr };
  const path = fs.absolute(target, cwd);
  const err = fs.write(path, '', append);
  if (err) return { error: err };
  return { output: new FileOutput(fs, path) };
}
