import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { scanEmbeddedDescriptors } from './descriptor-scan.ts';

export interface DescriptorSource {
  /** The kubectl binary the descriptors were read from. */
  binary: string;
  /** FileDescriptorSet bytes of the `k8s.io/*` files. */
  descriptors: Buffer;
  /** True when they came from the cache rather than a scan of the binary. */
  cached: boolean;
}

/** `~/.cache/podium`, or `$XDG_CACHE_HOME/podium`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'podium');
}

/**
 * The descriptors embedded in `binary`, cached as `k8s-descriptors-<sha1 of path, size, mtime>.bin` in
 * `cacheDir` so that later starts skip the scan (about 0.2 s for a 57 MB kubectl). A cache that cannot
 * be written is not an error.
 */
export function loadDescriptors(binary: string, cacheDir: string = defaultCacheDir()): DescriptorSource {
  const st = statSync(binary);
  const key = createHash('sha1').update(`${binary}\0${st.size}\0${st.mtimeMs}`).digest('hex');
  const file = join(cacheDir, `k8s-descriptors-${key}.bin`);
  try {
    return { binary, descriptors: readFileSync(file), cached: true };
  } catch {
    // not cached yet
  }
  const descriptors = scanEmbeddedDescriptors(readFileSync(binary));
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, descriptors);
    renameSync(tmp, file);
  } catch {
    // read-only home: scan again next time
  }
  return { binary, descriptors, cached: false };
}
