/**
 * The disk side of lab-issues.ts (Node only, like Starlight's `collection-fs.ts`: the pure checks never
 * pull `node:fs` into a browser bundle). The build (src/integrations/validate-content.ts) and the
 * server (server/validators/load-labs.ts) read lab folders through it, so both see the same thing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LabFolder } from './lab-issues.ts';

/** Reads one lab folder as the checks want it; `dir` is named relative to `root` (the project). */
export function readLabFolder(folder: string, root: string): LabFolder {
  const labFile = path.join(folder, 'lab.mdx');
  const stepsDir = path.join(folder, 'steps');
  const steps = existsSync(stepsDir)
    ? readdirSync(stepsDir, { withFileTypes: true })
        .filter((e) => e.isFile() && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort()
        .map((name) => ({ name, source: readFileSync(path.join(stepsDir, name), 'utf8') }))
    : [];
  return {
    dir: path.relative(root, folder).split(path.sep).join('/') || '.',
    ...(existsSync(labFile) ? { lab: readFileSync(labFile, 'utf8') } : {}),
    steps,
    files: listFiles(folder),
  };
}

/** The lab folders of `labsDir` (not starting with `.`), by name; none when it does not exist. */
export function labFolderNames(labsDir: string): string[] {
  if (!existsSync(labsDir)) return [];
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/** Deck names a lab may follow: the `.mdx` files of `slidesDir`, without the extension. */
export function deckNames(slidesDir: string): string[] {
  return existsSync(slidesDir) ? readdirSync(slidesDir).filter((f) => f.endsWith('.mdx')).map((f) => f.slice(0, -'.mdx'.length)) : [];
}

/** Files and folders under `dir`, relative to it, with `/`. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(path.join(dir, name)).isDirectory() ? [rel, ...listFiles(path.join(dir, name), rel)] : [rel];
  });
}
