/**
 * Lab definitions from disk, for the server and `podium check`: reads `labs/<lab>/` (lab.mdx, steps/,
 * the files they name) and hands it to the pure parser. Mistakes come back as `file:line:col` text.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatLabIssues, parseLabDefinition, type LabDefinition, type LabIssue } from '../../src/lib/labs/definition.ts';
import { deckNames, labFolderNames, readLabFolder } from '../../src/lib/labs/lab-folder-fs.ts';

export type LoadedLab = { ok: true; lab: LabDefinition; dir: string } | { ok: false; name: string; issues: LabIssue[]; message: string };

export interface LoadOptions {
  /** Project root, for the paths in messages and the slides folder (default: the current directory). */
  root?: string;
  /** Decks a lab may follow (default: the `.mdx` files of `<root>/slides`). */
  decks?: string[];
}

/** Loads `<labsDir>/<name>`; `dir` of the result is its absolute path (validators load from there). */
export function loadLab(labsDir: string, name: string, opts: LoadOptions = {}): LoadedLab {
  const root = path.resolve(opts.root ?? process.cwd());
  const dir = path.resolve(labsDir, name);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const issues: LabIssue[] = [{ file: path.relative(root, dir) || dir, message: `there is no lab "${name}"` }];
    return { ok: false, name, issues, message: formatLabIssues(issues) };
  }
  const parsed = parseLabDefinition(name, readLabFolder(dir, root), { decks: opts.decks ?? deckNames(path.join(root, 'slides')) });
  return parsed.ok ? { ok: true, lab: parsed.lab, dir } : { ok: false, name, issues: parsed.issues, message: formatLabIssues(parsed.issues) };
}

/** Every lab folder of `labsDir` (not starting with `.`), by name. */
export function loadLabs(labsDir: string, opts: LoadOptions = {}): LoadedLab[] {
  return labFolderNames(labsDir).map((name) => loadLab(labsDir, name, opts));
}
