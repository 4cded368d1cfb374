/**
 * Where this process's cgroups are, from /proc/self/cgroup and /proc/self/mountinfo (pure parsing).
 * Sandboxes get cgroups below the server's own, so whatever limits the server also limits them.
 */

export type Controller = 'memory' | 'pids' | 'cpu';
export const CONTROLLERS: readonly Controller[] = ['memory', 'pids', 'cpu'];

export interface CgroupLayout {
  /** cgroup v1: the folder of this process's cgroup, per controller that is mounted. */
  v1: Partial<Record<Controller, string>>;
  /** cgroup v2: the folder of this process's cgroup in the unified hierarchy, when mounted. */
  v2?: string;
}

interface Mount {
  root: string;
  mountPoint: string;
  fsType: string;
  superOptions: string[];
}

export function parseMountinfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const l = left.split(' ');
    const r = right.split(' ');
    if (l.length < 5 || r.length < 3) continue;
    mounts.push({ root: unescape(l[3]!), mountPoint: unescape(l[4]!), fsType: r[0]!, superOptions: r[2]!.split(',') });
  }
  return mounts;
}

/** `4:memory:/a/b` → hierarchy controllers and path; `0::/x` is the unified hierarchy. */
export function parseProcCgroup(text: string): { controllers: string[]; path: string }[] {
  return text
    .split('\n')
    .map((line) => /^\d+:([^:]*):(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ controllers: m[1] ? m[1].split(',') : [], path: m[2]! }));
}

export function cgroupLayout(procCgroup: string, mountinfo: string): CgroupLayout {
  const mounts = parseMountinfo(mountinfo);
  const groups = parseProcCgroup(procCgroup);
  const layout: CgroupLayout = { v1: {} };
  for (const controller of CONTROLLERS) {
    const mount = mounts.find((m) => m.fsType === 'cgroup' && m.superOptions.includes(controller));
    const own = groups.find((g) => g.controllers.includes(controller));
    if (mount && own) layout.v1[controller] = join(mount, own.path);
  }
  const unified = mounts.find((m) => m.fsType === 'cgroup2');
  const own = groups.find((g) => g.controllers.length === 0);
  if (unified && own) layout.v2 = join(unified, own.path);
  return layout;
}

/** The folder of cgroup `path` in a hierarchy mounted with root `mount.root` (a namespace may hide the top). */
function join(mount: Mount, path: string): string {
  const relative = mount.root !== '/' && (path === mount.root || path.startsWith(`${mount.root}/`)) ? path.slice(mount.root.length) : path;
  return `${mount.mountPoint}${relative === '/' ? '' : relative}`;
}

/** mountinfo writes space, tab, newline and backslash as octal escapes. */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
