import { chmod, chown, copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where a learner's things live on the host, under the data dir. */
export interface LearnerPaths {
  /** The home of the learner's shell for this lab. */
  home: string;
  /** The Unix socket through which the sandbox reaches the learner's clusters. */
  apiSocket: string;
}

export function learnerPaths(dataDir: string, learnerId: string, lab: string): LearnerPaths {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(lab) || !/^[a-z0-9]+$/.test(learnerId)) throw new Error(`unsafe path segment: ${learnerId}/${lab}`);
  return {
    home: path.join(dataDir, 'homes', learnerId, lab),
    apiSocket: path.join(dataDir, 'run', learnerId, 'api.sock'),
  };
}

/** Writes a file into the learner's home (creating folders), owned by the learner's Unix user. */
export async function writeHomeFile(home: string, relative: string, content: string | Buffer, uid: number | undefined, mode = 0o644): Promise<void> {
  const target = insideHome(home, relative);
  await ensureDir(home, path.dirname(target), uid);
  await writeFile(target, content, { mode });
  await chmod(target, mode);
  if (uid !== undefined) await chown(target, uid, uid);
}

/** Copies a lab file into the learner's home. */
export async function copyIntoHome(home: string, from: string, relative: string, uid: number | undefined): Promise<void> {
  const target = insideHome(home, relative);
  await ensureDir(home, path.dirname(target), uid);
  await copyFile(from, target);
  if (uid !== undefined) await chown(target, uid, uid);
}

/**
 * Creates the home, private to the learner: `homes/` may be walked through but not listed, the
 * learner's folder and the home belong to the learner alone.
 */
export async function ensureHome(home: string, uid: number | undefined): Promise<void> {
  const learnerDir = path.dirname(home);
  const homesDir = path.dirname(learnerDir);
  await mkdir(home, { recursive: true, mode: 0o700 });
  await chmod(homesDir, 0o711);
  for (const dir of [learnerDir, home]) {
    await chmod(dir, 0o700);
    if (uid !== undefined) await chown(dir, uid, uid);
  }
}

async function ensureDir(home: string, dir: string, uid: number | undefined): Promise<void> {
  const rel = path.relative(home, dir);
  let current = home;
  for (const part of rel === '' ? [] : rel.split(path.sep)) {
    current = path.join(current, part);
    await mkdir(current, { recursive: true, mode: 0o755 });
    if (uid !== undefined) await chown(current, uid, uid);
  }
}

function insideHome(home: string, relative: string): string {
  const target = path.resolve(home, relative.replace(/^~\//, ''));
  if (target !== home && !target.startsWith(home + path.sep)) throw new Error(`${relative} is outside the learner's home`);
  return target;
}
