import { closeSync, existsSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** Where the real kubectl usually lives on a workshop machine (Debian's google-cloud-cli packages). */
export const DEFAULT_KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

/** A Go binary is tens of megabytes; anything small is a dispatcher script or a symlink farm's shim. */
const MIN_SIZE = 10 << 20;

/**
 * Finds a real kubectl binary to read protobuf descriptors from:
 * `PODIUM_KUBECTL_BINARY`, else `kubectl.1.32` in the google-cloud-sdk directory, else the newest
 * `kubectl.1.*` beside it, else `kubectl` on PATH (symlinks followed). Scripts and other small files
 * are skipped: only an ELF or Mach-O executable of at least 10 MB qualifies.
 */
export function locateKubectlBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates: string[] = [];
  if (env.PODIUM_KUBECTL_BINARY) candidates.push(env.PODIUM_KUBECTL_BINARY);
  candidates.push(DEFAULT_KUBECTL);
  candidates.push(...versionedSiblings(dirname(DEFAULT_KUBECTL)));
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const p = join(dir, 'kubectl');
    candidates.push(p);
    // A dispatcher on PATH usually sits beside (or points into) a directory of versioned binaries.
    try {
      candidates.push(...versionedSiblings(dirname(realpathSync(p))));
    } catch {
      // not there
    }
  }
  for (const c of candidates) {
    const real = resolve(c);
    if (real && isExecutableImage(real)) return real;
  }
  return undefined;
}

/** `kubectl.1.33`, `kubectl.1.32`, …: newest first. */
function versionedSiblings(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /^kubectl\.1\.\d+$/.test(f))
      .sort((a, b) => Number(b.split('.')[2]) - Number(a.split('.')[2]))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function resolve(p: string): string | undefined {
  try {
    return existsSync(p) ? realpathSync(p) : undefined;
  } catch {
    return undefined;
  }
}

/** ELF (`\x7fELF`) or Mach-O magic, and big enough to be a Go program. */
export function isExecutableImage(path: string): boolean {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size < MIN_SIZE) return false;
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(4);
      readSync(fd, head, 0, 4, 0);
      const elf = head[0] === 0x7f && head.toString('latin1', 1, 4) === 'ELF';
      const macho = [0xfeedfacf, 0xcffaedfe, 0xfeedface, 0xcefaedfe].includes(head.readUInt32BE(0));
      return elf || macho;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
