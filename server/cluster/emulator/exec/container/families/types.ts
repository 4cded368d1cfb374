/** An image's operating-system base as the exec simulation sees it: layout, users, tools and shell. */

export type FamilyName = 'debian' | 'ubuntu' | 'alpine' | 'busybox' | 'amazonlinux' | 'oraclelinux' | 'distroless';

export interface Family {
  name: FamilyName;
  /** Directories created at the root, with their modes when not 0755. */
  dirs: (string | [string, number])[];
  /** Symlinks: path → target as written. */
  links: [string, string][];
  /** Files of the base (os-release, passwd, group…). */
  files: Record<string, string>;
  /** Tools on the PATH: name → directory (`sh` and `bash` resolve to the shell programs). */
  programs: Record<string, string>;
  /** Program the name `sh` runs. */
  sh?: 'dash' | 'ash' | 'bash';
  style: 'gnu' | 'busybox';
  bash: { version: string; prompt: 'debian' | 'plain' };
  /** curl shipped with the base, if any. */
  curl?: string;
  /** When the base image's files were written (mtime of the root layout), epoch ms. */
  built: number;
}

/** Tool names in one directory. */
export const inDir = (dir: string, names: string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, dir]));

/** GNU coreutils and friends every Debian-like base has. */
export const GNU_TOOLS = [
  'cat', 'ls', 'echo', 'env', 'printenv', 'id', 'whoami', 'uname', 'date', 'sleep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr',
  'mkdir', 'touch', 'rm', 'cp', 'mv', 'ln', 'pwd', 'basename', 'dirname', 'true', 'false', 'test', '[', 'seq', 'tee', 'nproc', 'stty',
  'df', 'du', 'chmod', 'chown', 'readlink', 'realpath', 'yes', 'nohup', 'timeout', 'expr', 'printf', 'base64', 'md5sum', 'sha256sum',
  'stat', 'grep', 'egrep', 'sed', 'find', 'xargs', 'tar', 'gzip', 'mount', 'hostname', 'clear', 'tput', 'getent', 'which', 'kill',
];
