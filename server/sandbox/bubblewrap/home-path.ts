/**
 * A path a check names inside the learner's home, made relative (pure). Accepts `notes.txt`,
 * `~/notes.txt` and `/home/learner/notes.txt`; anything that climbs out (`../x`, `/etc/passwd`) is
 * refused with undefined. Symbolic links are the caller's business (see readHomeFile).
 */
import path from 'node:path';
import { SANDBOX_HOME } from './layout.ts';

export function homeRelativePath(name: string): string | undefined {
  if (name.includes('\0')) return undefined;
  let rel = name;
  if (rel === '~' || rel === SANDBOX_HOME) return '';
  if (rel.startsWith('~/')) rel = rel.slice(2);
  else if (rel.startsWith(`${SANDBOX_HOME}/`)) rel = rel.slice(SANDBOX_HOME.length + 1);
  else if (rel.startsWith('/')) return undefined;
  const normal = path.posix.normalize(rel);
  if (normal === '..' || normal.startsWith('../')) return undefined;
  return normal === '.' ? '' : normal.replace(/\/$/, '');
}

/** Whether host path `inner` is `outer` or below it (both already resolved). */
export function isWithin(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith('/') ? outer : `${outer}/`);
}
