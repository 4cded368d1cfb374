/**
 * The learner's home on the host: created private to their uid, and read by checks without ever
 * following a path out of it.
 */
import { constants } from 'node:fs';
import { chmod, chown, lstat, mkdir, open, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { homeRelativePath, isWithin } from './home-path.ts';

/**
 * Creates `home` (mode 0700, owned by `uid`) or makes an existing one so. Refuses a home that is a
 * symbolic link or not a folder, and one that `uid` could not reach: bubblewrap runs as the learner
 * and must be able to traverse every folder above the home to bind it.
 */
export async function ensureHome(home: string, uid: number | undefined): Promise<void> {
  if (!path.isAbsolute(home)) throw new Error(`sandbox home must be an absolute path, not "${home}"`);
  await mkdir(path.dirname(home), { recursive: true, mode: 0o711 });
  let st = await lstat(home).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (!st) {
    await mkdir(home, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    st = await lstat(home);
  }
  if (st.isSymbolicLink() || !st.isDirectory()) throw new Error(`sandbox home ${home} is not a folder (a link or a file is refused)`);
  if (uid !== undefined && (st.uid !== uid || st.gid !== uid)) await chown(home, uid, uid);
  if ((st.mode & 0o777) !== 0o700) await chmod(home, 0o700);
  if (uid !== undefined) await assertReachable(path.dirname(home), uid, 'the home');
}

/**
 * Throws unless host user `uid` (not in any group but its own) may traverse every folder from `/` to
 * `dir`. Learners never see host paths; bubblewrap only needs to walk through them before sandboxing.
 */
export async function assertReachable(dir: string, uid: number, what: string): Promise<void> {
  for (let d = dir; ; d = path.dirname(d)) {
    const st = await stat(d);
    const bit = st.uid === uid ? 0o100 : st.gid === uid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) {
      throw new Error(
        `the sandbox of uid ${uid} cannot reach ${what}: ${d} is mode ${(st.mode & 0o777).toString(8)}; ` +
          `allow traversal with "chmod o+x ${d}" (learners never see host paths, bubblewrap only walks through them)`,
      );
    }
    if (d === path.dirname(d)) return;
  }
}

export interface ReadHomeOptions {
  /** Larger files are refused with an error (default 1 MiB). */
  maxBytes?: number;
}

/**
 * Reads a file of the learner's home as UTF-8, or undefined when it is absent, not a regular file,
 * or anywhere outside the home. Links inside the home are followed only while they stay inside; the
 * file actually opened is checked again afterwards, so swapping a folder for a link meanwhile fails.
 */
export async function readHomeFile(home: string, name: string, opts: ReadHomeOptions = {}): Promise<string | undefined> {
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const rel = homeRelativePath(name);
  if (rel === undefined || rel === '') return undefined;
  const absent = (err: NodeJS.ErrnoException) => {
    if (['ENOENT', 'ENOTDIR', 'ELOOP', 'EACCES', 'ENXIO', 'EISDIR'].includes(err.code ?? '')) return undefined;
    throw err;
  };
  const root = await realpath(home).catch(absent);
  if (!root) return undefined;
  const target = await realpath(path.join(root, rel)).catch(absent);
  if (!target || !isWithin(root, target) || target === root) return undefined;
  const file = await open(target, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY).catch(absent);
  if (!file) return undefined;
  try {
    const opened = await readlink(`/proc/self/fd/${file.fd}`);
    if (!isWithin(root, opened)) return undefined;
    const st = await file.stat();
    if (!st.isFile()) return undefined;
    if (st.size > maxBytes) throw new Error(`~/${rel} is ${st.size} bytes, more than the ${maxBytes} a check may read`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await file.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw new Error(`~/${rel} grew past the ${maxBytes} bytes a check may read`);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await file.close();
  }
}
