/**
 * The container's file tree: the image's files, the kubelet's mounts (volumes, /etc/hosts…) and what exec'd
 * commands wrote. Writes land in a `Layer` (the container's writable layer, or an emptyDir volume) that outlives
 * the exec session, so that a later `kubectl exec` (or another container sharing the volume) sees them.
 */
import type { FileInfo, FileSystem, FsError, FsFailure } from '../shell/system.ts';

interface Meta {
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
}

export interface DirNode extends Meta {
  kind: 'dir';
  children: Map<string, Node>;
  /** Set on mount points: what writes below do (`prefix`: where the mount sits inside its layer, for subPath mounts). */
  mount?: { readOnly: boolean; layer?: Layer; prefix?: string };
}

export interface FileNode extends Meta {
  kind: 'file';
  content: string;
  /** The simulated program this file runs (`dash`, `ls`, `nginx`…). */
  program?: string;
  /** Character devices: writes vanish, reads give `content`. */
  device?: boolean;
  /** A file mounted read-only on its own (a ConfigMap key mounted with subPath). */
  readOnly?: boolean;
}

export interface LinkNode extends Meta {
  kind: 'link';
  target: string;
}

export type Node = DirNode | FileNode | LinkNode;

export type Change = { kind: 'file'; content: string; mode: number; uid: number; gid: number; mtime: number } | { kind: 'dir'; mode: number; uid: number; gid: number; mtime: number } | { kind: 'gone' };

/** Changes below one root (the container's `/`, or a volume's directory), keyed by path relative to it. */
export class Layer {
  readonly changes = new Map<string, Change>();
}

const MAX_LINKS = 40;

export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

const parentOf = (path: string) => normalize(`${path}/..`);
const baseOf = (path: string) => path.split('/').filter(Boolean).pop() ?? '';

export class Vfs implements FileSystem {
  readonly root: DirNode;
  private users = new Map<number, string>();
  private groups = new Map<number, string>();

  constructor(
    private readonly identity: { uid: number; gid: number; groups: number[] },
    private readonly now: () => number,
    rootLayer: Layer,
  ) {
    this.root = { kind: 'dir', children: new Map(), mode: 0o755, uid: 0, gid: 0, mtime: 0, mount: { readOnly: false, layer: rootLayer } };
  }

  // ---- building ---------------------------------------------------------------------------------------

  /** Creates a directory and its parents (building the image; no checks). */
  ensureDir(path: string, meta: Partial<Meta> = {}): DirNode {
    let dir = this.root;
    let real = '/';
    for (const part of normalize(path).split('/').filter(Boolean)) {
      let next = dir.children.get(part);
      if (next?.kind === 'link') {
        const r = this.walk(`${real}/${part}`, true);
        if (!('error' in r) && r.node.kind === 'dir') {
          dir = r.node;
          real = r.path;
          continue;
        }
      }
      if (!next || next.kind !== 'dir') {
        next = { kind: 'dir', children: new Map(), mode: 0o755, uid: 0, gid: 0, mtime: meta.mtime ?? 0 };
        dir.children.set(part, next);
      }
      dir = next;
      real = normalize(`${real}/${part}`);
    }
    Object.assign(dir, meta);
    return dir;
  }

  put(path: string, node: Node): void {
    const p = normalize(path);
    this.ensureDir(parentOf(p)).children.set(baseOf(p), node);
  }

  /** Mounts a tree at `path`, hiding what the image had there. */
  mount(path: string, tree: DirNode | FileNode): void {
    this.put(path, tree);
  }

  /** Replays a layer's changes onto the tree below `at`. */
  replay(layer: Layer, at: string): void {
    const entries = [...layer.changes].sort((a, b) => a[0].split('/').length - b[0].split('/').length);
    for (const [rel, change] of entries) {
      const path = normalize(`${at}/${rel}`);
      const parent = this.walk(parentOf(path), true);
      if ('error' in parent || parent.node.kind !== 'dir') continue;
      const name = baseOf(path);
      if (change.kind === 'gone') parent.node.children.delete(name);
      else if (change.kind === 'dir') {
        const existing = parent.node.children.get(name);
        if (!existing || existing.kind !== 'dir') parent.node.children.set(name, { kind: 'dir', children: new Map(), mode: change.mode, uid: change.uid, gid: change.gid, mtime: change.mtime });
      } else parent.node.children.set(name, { kind: 'file', content: change.content, mode: change.mode, uid: change.uid, gid: change.gid, mtime: change.mtime });
    }
  }

  setAccounts(passwd: string, group: string): void {
    for (const line of passwd.split('\n')) {
      const f = line.split(':');
      if (f.length >= 3) this.users.set(Number(f[2]), f[0]!);
    }
    for (const line of group.split('\n')) {
      const f = line.split(':');
      if (f.length >= 3) this.groups.set(Number(f[2]), f[0]!);
    }
  }

  // ---- lookups ----------------------------------------------------------------------------------------

  /** Resolves a path to its node and real path; `follow` decides for the last component. */
  walk(path: string, follow: boolean, depth = 0): { node: Node; path: string } | FsFailure {
    if (depth > MAX_LINKS) return { error: 'ELOOP' };
    const parts = normalize(path).split('/').filter(Boolean);
    let node: Node = this.root;
    let real = '/';
    for (let i = 0; i < parts.length; i++) {
      if (node.kind !== 'dir') return { error: 'ENOTDIR' };
      const child: Node | undefined = node.children.get(parts[i]!);
      if (!child) return { error: 'ENOENT' };
      const last = i === parts.length - 1;
      if (child.kind === 'link' && (!last || follow)) {
        const target = child.target.startsWith('/') ? child.target : `${real}/${child.target}`;
        const resolved = this.walk(target, true, depth + 1);
        if ('error' in resolved) return resolved;
        node = resolved.node;
        real = resolved.path;
      } else {
        node = child;
        real = normalize(`${real}/${parts[i]}`);
      }
    }
    return { node, path: real };
  }

  absolute(path: string, cwd: string): string {
    return normalize(path.startsWith('/') ? path : `${cwd}/${path}`);
  }

  private info(node: Node): FileInfo {
    const size = node.kind === 'file' ? Buffer.byteLength(node.content) : node.kind === 'dir' ? 4096 : node.target.length;
    const nlink = node.kind === 'dir' ? 2 + [...node.children.values()].filter((c) => c.kind === 'dir').length : 1;
    return { kind: node.kind, mode: node.mode, size, uid: node.uid, gid: node.gid, mtime: node.mtime, nlink, ...(node.kind === 'link' ? { target: node.target } : {}) };
  }

  stat(path: string): FileInfo | FsError {
    const r = this.walk(path, true);
    return 'error' in r ? r.error : this.info(r.node);
  }

  lstat(path: string): FileInfo | FsError {
    const r = this.walk(path, false);
    return 'error' in r ? r.error : this.info(r.node);
  }

  read(path: string): string | FsFailure {
    const r = this.walk(path, true);
    if ('error' in r) return r;
    if (r.node.kind === 'dir') return { error: 'EISDIR' };
    if (r.node.kind !== 'file') return { error: 'ENOENT' };
    if (!this.may(r.node, 4)) return { error: 'EACCES' };
    return r.node.content;
  }

  list(path: string): string[] | FsError {
    const r = this.walk(path, true);
    if ('error' in r) return r.error;
    if (r.node.kind !== 'dir') return 'ENOTDIR';
    if (!this.may(r.node, 4)) return 'EACCES';
    return [...r.node.children.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  realpath(path: string): string | FsFailure {
    const r = this.walk(path, true);
    return 'error' in r ? r : r.path;
  }

  node(path: string, follow = true): Node | undefined {
    const r = this.walk(path, follow);
    return 'error' in r ? undefined : r.node;
  }

  userName(uid: number): string | undefined {
    return this.users.get(uid);
  }

  groupName(gid: number): string | undefined {
    return this.groups.get(gid);
  }

  // ---- changes ----------------------------------------------------------------------------------------

  private may(node: Node, bit: 4 | 2 | 1): boolean {
    const { uid, gid, groups } = this.identity;
    if (uid === 0) return true;
    if (node.uid === uid) return ((node.mode >> 6) & bit) !== 0;
    if (node.gid === gid || groups.includes(node.gid)) return ((node.mode >> 3) & bit) !== 0;
    return (node.mode & bit) !== 0;
  }

  /** The writable parent of `path`, with the layer and layer-relative path its changes go to. */
  private writableParent(path: string): { dir: DirNode; real: string; layer?: Layer; rel: string } | FsError {
    const parent = this.walk(parentOf(path), true);
    if ('error' in parent) return parent.error;
    if (parent.node.kind !== 'dir') return 'ENOTDIR';
    const real = normalize(`${parent.path}/${baseOf(path)}`);
    let mountAt = '/';
    let mount: NonNullable<DirNode['mount']> = this.root.mount!;
    let dir: Node = this.root;
    const parts = parent.path.split('/').filter(Boolean);
    for (let i = 0; i < parts.length && dir.kind === 'dir'; i++) {
      dir = dir.children.get(parts[i]!)!;
      if (dir?.kind === 'dir' && dir.mount) {
        mount = dir.mount;
        mountAt = `/${parts.slice(0, i + 1).join('/')}`;
      }
    }
    if (mount.readOnly) return 'EROFS';
    if (!this.may(parent.node, 2)) return 'EACCES';
    const rel = mountAt === '/' ? real : real.slice(mountAt.length) || '/';
    return { dir: parent.node, real, ...(mount.layer ? { layer: mount.layer } : {}), rel: mount.prefix ? normalize(`${mount.prefix}/${rel}`) : rel };
  }

  write(path: string, text: string, append: boolean): FsError | undefined {
    const target = this.walk(path, true);
    if (!('error' in target) && target.node.kind === 'file' && target.node.device) return undefined;
    if (!('error' in target) && target.node.kind === 'dir') return 'EISDIR';
    if (!('error' in target) && target.node.kind === 'file' && target.node.readOnly) return 'EROFS';
    const real = 'error' in target ? path : target.path;
    const w = this.writableParent(real);
    if (typeof w === 'string') return w;
    const name = baseOf(w.real);
    const existing = w.dir.children.get(name);
    if (existing && existing.kind === 'file' && !this.may(existing, 2)) return 'EACCES';
    const content = (append && existing?.kind === 'file' ? existing.content : '') + text;
    const meta = existing?.kind === 'file' ? { mode: existing.mode, uid: existing.uid, gid: existing.gid } : { mode: 0o644, uid: this.identity.uid, gid: this.identity.gid };
    const node: FileNode = { kind: 'file', content, ...meta, mtime: this.now() };
    w.dir.children.set(name, node);
    w.layer?.changes.set(w.rel, { kind: 'file', content, ...meta, mtime: node.mtime });
    return undefined;
  }

  mkdir(path: string): FsError | undefined {
    if (typeof this.lstat(path) === 'object') return 'EEXIST';
    const w = this.writableParent(path);
    if (typeof w === 'string') return w;
    const meta = { mode: 0o755, uid: this.identity.uid, gid: this.identity.gid, mtime: this.now() };
    w.dir.children.set(baseOf(w.real), { kind: 'dir', children: new Map(), ...meta });
    w.layer?.changes.set(w.rel, { kind: 'dir', ...meta });
    return undefined;
  }

  remove(path: string): FsError | undefined {
    if (typeof this.lstat(path) !== 'object') return 'ENOENT';
    const w = this.writableParent(path);
    if (typeof w === 'string') return w;
    const name = baseOf(w.real);
    const node = w.dir.children.get(name);
    if (node?.kind === 'dir' && node.mount) return 'EBUSY';
    w.dir.children.delete(name);
    if (w.layer) {
      for (const k of [...w.layer.changes.keys()]) if (k.startsWith(`${w.rel}/`)) w.layer.changes.delete(k);
      w.layer.changes.set(w.rel, { kind: 'gone' });
    }
    return undefined;
  }
}
