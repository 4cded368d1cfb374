/** The image's file tree: its OS base, its own programs and files, /dev, and the accounts in /etc/passwd. */
import type { Family } from './families/index.ts';
import type { ImageInfo } from './image.ts';
import { Vfs, type FileNode, type Layer } from './vfs.ts';

const SHELL_PROGRAMS = new Set(['sh', 'bash', 'dash', 'ash']);

/** The program a tool name runs on this base: `sh` is the base's shell, the awks are awk. */
function programName(name: string, family: Family): string {
  if (name === 'sh') return family.sh ?? 'dash';
  if (name === 'mawk' || name === 'gawk') return 'awk';
  return name;
}

function file(content: string, mtime: number, mode = 0o644, extra: Partial<FileNode> = {}): FileNode {
  return { kind: 'file', content, mode, uid: 0, gid: 0, mtime, ...extra };
}

export interface RootInput {
  image: ImageInfo;
  identity: { uid: number; gid: number; groups: number[] };
  layer: Layer;
  now: () => number;
}

export function buildRoot(input: RootInput): Vfs {
  const { image } = input;
  const family = image.family;
  const profile = image.profile;
  const built = family.built;
  const fs = new Vfs(input.identity, input.now, input.layer);
  for (const d of family.dirs) {
    const [path, mode] = typeof d === 'string' ? [d, 0o755] : d;
    fs.ensureDir(`/${path}`, { mode, mtime: built });
  }
  for (const d of profile.dirs ?? []) fs.ensureDir(`/${d}`, { mtime: built });
  for (const [path, target] of [...family.links, ...(profile.links ?? [])]) fs.put(path, { kind: 'link', target, mode: 0o777, uid: 0, gid: 0, mtime: built });
  const info = { version: image.version, flavour: image.flavour };
  const files = { ...family.files, ...(profile.files?.(info) ?? {}) };
  files['/etc/passwd'] = (files['/etc/passwd'] ?? '') + (profile.passwd ?? '');
  files['/etc/group'] = (files['/etc/group'] ?? '') + (profile.group ?? '');
  for (const [path, content] of Object.entries(files)) fs.put(path, file(content, built));
  for (const [path, content] of Object.entries(profile.scripts ?? {})) fs.put(path, file(content, built, 0o755));
  const programs = { ...family.programs, ...(profile.programs ?? {}) };
  for (const [name, dir] of Object.entries(programs)) {
    if (profile.scripts?.[`${dir}/${name}`.replace('//', '/')]) continue;
    const program = programName(name, family);
    if (SHELL_PROGRAMS.has(program) && !family.sh && program !== 'bash') continue;
    fs.put(`${dir}/${name}`, file('', built, 0o755, { program }));
  }
  addDevices(fs, built);
  fs.setAccounts(files['/etc/passwd'], files['/etc/group']);
  return fs;
}

function addDevices(fs: Vfs, mtime: number): void {
  fs.ensureDir('/dev', { mtime });
  fs.ensureDir('/dev/pts', { mtime });
  fs.ensureDir('/dev/shm', { mode: 0o1777, mtime });
  fs.ensureDir('/dev/mqueue', { mode: 0o1777, mtime });
  for (const name of ['null', 'zero', 'random', 'urandom', 'full', 'tty']) fs.put(`/dev/${name}`, file('', mtime, 0o666, { device: true }));
  for (const [name, fd] of [['stdin', 0], ['stdout', 1], ['stderr', 2]] as const) fs.put(`/dev/${name}`, { kind: 'link', target: `/proc/self/fd/${fd}`, mode: 0o777, uid: 0, gid: 0, mtime });
  fs.put('/dev/termination-log', file('', mtime, 0o666));
  fs.ensureDir('/proc', { mode: 0o555, mtime });
  fs.ensureDir('/sys', { mode: 0o555, mtime });
}
