/**
 * Lab definitions from disk, for the server and `podium check`: reads `labs/<lab>/` (lab.mdx, steps/,
 * the files they name) and hands it to the pure parser. Mistakes come back as `file:line:col` text.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatLabIssues, parseLabDefinition, type LabDefinition, type LabFolder, type LabIssue } from '../../src/lib/labs/definition.ts';

export type LoadedLab = { ok: true; lab: LabDefinition; dir: string } | { ok: false; name: string; issues: LabIssue[]; message: string };

export interface LoadOptions {
  /** Project root, for the paths in messages and the slides folder (default: the current directory). */
  root?: string;
  /** Decks a lab may follow (default: the `.mdx` files of `<root>/slides`). */
  decks?: string[];
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(path.join(dir, name)).isDirectory() ? [rel, ...listFiles(path.join(dir, name), rel)] : [rel];
  });
}

function decksOf(root: string): string[] {
  const slides = path.join(root, 'slides');
  return existsSync(slides) ? readdirSync(slides).filter((f) => f.endsWith('.mdx')).map((f) => f.slice(0, -4)) : [];
}

/** Reads one lab folder as the parser wants it. */
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

/** Loads `<labsDir>/<name>`; `dir` of the result is its absolute path (validators load from there). */
export function loadLab(labsDir: string, name: string, opts: LoadOptions = {}): LoadedLab {
  const root = path.resolve(opts.root ?? process.cwd());
  const dir = path.resolve(labsDir, name);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const issues: LabIssue[] = [{ file: path.relative(root, dir) || dir, message: `there is no lab "${name}"` }];
    return { ok: false, name, issues, message: formatLabIssues(issues) };
  }
  const parsed = parseLabDefinition(name, readLabFolder(dir, root), { decks: opts.decks ?? decksOf(root) });
  return parsed.ok ? { ok: true, lab: parsed.lab, dir } : { ok: false, name, issues: parsed.issues, message: formatLabIssues(parsed.issues) };
}

/** Every lab folder of `labsDir` (not starting with `.`), by name. */
export function loadLabs(labsDir: string, opts: LoadOptions = {}): LoadedLab[] {
  if (!existsSync(labsDir)) return [];
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
    .map((name) => loadLab(labsDir, name, opts));
}
