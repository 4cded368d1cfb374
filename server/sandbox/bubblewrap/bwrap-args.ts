/**
 * The bubblewrap command line of a sandbox, built from a plan. Pure: every path it names was decided
 * (and checked) by the caller, so the same plan always gives the same arguments.
 */
import { SANDBOX_API_SOCKET, SANDBOX_HOME, SANDBOX_UID } from './layout.ts';

/** A host path shown at `target` inside the sandbox. */
export interface Bind {
  source: string;
  target: string;
  /** Skip it (instead of failing) when the host path is missing. */
  optional?: boolean;
}

/** A top-level symbolic link of the host's merged /usr (`/bin -> usr/bin`). */
export interface SystemLink {
  path: string;
  target: string;
}

/** Options of bwrap that older versions lack; probed once from `bwrap --help`. */
export interface BwrapFeatures {
  /** `--size` for tmpfs (0.7+). */
  size: boolean;
  /** `--perms` (0.5+). */
  perms: boolean;
  /** `--disable-userns` (0.8+). */
  disableUserns: boolean;
}

export interface BwrapPlan {
  /** Host name inside (the lab), already sanitised. */
  hostname: string;
  /** Host folder mounted read-write at /home/learner. */
  home: string;
  /** Host Unix socket of the learner's cluster API; absent when it does not exist yet. */
  apiSocket?: string;
  /** `/usr` and the like, bound read-only at the same place. */
  system: Bind[];
  /** Top-level links into /usr (`/bin`, `/lib`, `/lib64`, `/sbin`). */
  links: SystemLink[];
  /** Files and folders under /etc, read-only (the curated host subset and the generated files). */
  etc: Bind[];
  /** More read-only binds (tools such as the AWS CLI). */
  extra: Bind[];
  tmpBytes: number;
  devShmBytes: number;
  features: BwrapFeatures;
  /** Detach from any controlling terminal (for non-interactive commands). */
  newSession: boolean;
  /** What runs inside, as pid 2 under bwrap's own init. */
  command: string[];
}

export function bwrapArgs(plan: BwrapPlan): string[] {
  const f = plan.features;
  const perms = (mode: string) => (f.perms ? ['--perms', mode] : []);
  const size = (bytes: number) => (f.size ? ['--size', String(bytes)] : []);
  const roBind = (b: Bind) => [b.optional ? '--ro-bind-try' : '--ro-bind', b.source, b.target];
  return [
    // Own user, PID, mount, network (loopback only), IPC, UTS and cgroup namespaces.
    '--unshare-all',
    '--unshare-user',
    ...(f.disableUserns ? ['--disable-userns'] : []),
    '--die-with-parent',
    ...(plan.newSession ? ['--new-session'] : []),
    '--uid', String(SANDBOX_UID),
    '--gid', String(SANDBOX_UID),
    '--hostname', plan.hostname,
    '--cap-drop', 'ALL',
    ...plan.system.flatMap(roBind),
    ...plan.links.flatMap((l) => ['--symlink', l.target, l.path]),
    '--proc', '/proc',
    '--dev', '/dev',
    ...perms('1777'), ...size(plan.devShmBytes), '--tmpfs', '/dev/shm',
    ...perms('1777'), ...size(plan.tmpBytes), '--tmpfs', '/tmp',
    ...perms('0755'), '--dir', '/etc',
    ...plan.etc.flatMap(roBind),
    ...perms('0755'), '--dir', '/home',
    '--bind', plan.home, SANDBOX_HOME,
    ...(plan.apiSocket ? [...perms('0755'), '--dir', '/run/podium', '--ro-bind', plan.apiSocket, SANDBOX_API_SOCKET] : []),
    ...plan.extra.flatMap(roBind),
    // Nothing else may be created at the top: the root tmpfs becomes read-only.
    '--remount-ro', '/',
    '--chdir', SANDBOX_HOME,
    '--',
    ...plan.command,
  ];
}

/** A host name from a lab id: lower-case letters, digits and dashes, at most 63 of them. */
export function sandboxHostname(lab: string): string {
  const name = lab
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return name || 'lab';
}
