/**
 * What the simulated shell sees of its container: files, environment, identity, processes, network and time.
 * The shell and its commands are pure logic over this interface; `container/` builds it from the cluster.
 */
import type { HttpRequest, HttpResponse } from '../http-message.ts';

export type ShellFlavour = 'ash' | 'dash' | 'bash';

export type FsError = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EROFS' | 'EACCES' | 'EEXIST' | 'ENOTEMPTY' | 'ELOOP' | 'EBUSY';

/** A failed file operation (an object, so that it never mistakes for file content). */
export interface FsFailure {
  error: FsError;
}

export interface FileInfo {
  kind: 'file' | 'dir' | 'link';
  /** Permission bits, `0o644`. */
  mode: number;
  size: number;
  uid: number;
  gid: number;
  /** Epoch ms. */
  mtime: number;
  nlink: number;
  /** Symlink target as written. */
  target?: string;
}

export interface FileSystem {
  /** Absolute, normalised path (`.` and `..` removed), symlinks not followed. */
  absolute(path: string, cwd: string): string;
  /** Follows symlinks. */
  stat(path: string): FileInfo | FsError;
  lstat(path: string): FileInfo | FsError;
  read(path: string): string | FsFailure;
  /** Entry names of a directory, sorted, without `.` and `..`. */
  list(path: string): string[] | FsError;
  write(path: string, text: string, append: boolean): FsError | undefined;
  mkdir(path: string): FsError | undefined;
  remove(path: string): FsError | undefined;
  /** The path with every symlink resolved. */
  realpath(path: string): string | FsFailure;
  /** Names for uids and gids, from the image's /etc/passwd and /etc/group. */
  userName(uid: number): string | undefined;
  groupName(gid: number): string | undefined;
}

export interface Identity {
  uid: number;
  gid: number;
  /** Supplementary groups. */
  groups: number[];
  home: string;
}

export interface ProcessInfo {
  pid: number;
  uid: number;
  /** The command line as ps shows it. */
  command: string;
  /** Epoch ms. */
  startedAt: number;
}

/** An address a name resolves to, and the name it resolves as. */
export interface Resolution {
  fqdn: string;
  addresses: string[];
}

export type Exchange =
  /** `untrusted`: the server's certificate is not signed by a CA the image trusts (the cluster CA). */
  | { ok: true; response: HttpResponse; untrusted?: boolean }
  /** `empty`: the server closed without answering; `wrong-version`: TLS spoken to a plain HTTP server. */
  | { ok: false; error: 'refused' | 'timeout' | 'unreachable' | 'reset' | 'empty' | 'wrong-version' };

export interface Network {
  /** The container's own address. */
  podIP: string;
  nameserver: string;
  searchDomains: string[];
  /** A name as the cluster DNS answers it (search domains applied); undefined for NXDOMAIN. */
  resolve(name: string): Resolution | undefined;
  /** Sends one HTTP request to `ip:port` and returns what the server there answers. */
  http(ip: string, port: number, request: HttpRequest, tls: boolean): Exchange;
  /** How long a connection to `ip:port` takes to fail when nothing answers (ms). */
  timeoutMs: number;
  /** Whether ICMP echo to the address gets replies (pods do; ClusterIPs do not). */
  answersPing(ip: string): boolean;
}

export interface Kernel {
  release: string;
  version: string;
  machine: string;
}

export interface Tools {
  /** `ls -l` and `ps` layouts: GNU coreutils/procps or busybox. */
  style: 'gnu' | 'busybox';
  /** `curl --version` of the image, if it has curl. */
  curlVersion?: string;
  /** The image's own program and its version (`nginx -v`). */
  program?: { name: string; version: string };
  /** Interactive bash: its version and whether /etc/bash.bashrc sets the Debian prompt. */
  bash: { version: string; prompt: 'debian' | 'plain' };
}

export interface ContainerSystem {
  hostname: string;
  /** The process environment an exec starts with, in order. */
  env: [string, string][];
  identity: Identity;
  workdir: string;
  fs: FileSystem;
  net: Network;
  kernel: Kernel;
  tools: Tools;
  /** Path of a program found by name in `path` (colon-separated) or by its own path; undefined when absent. */
  which(name: string, path: string): string | undefined;
  /**
   * What running a file does: a simulated program (`/bin/sh` → `dash`, `/usr/sbin/nginx` → `nginx`), a script
   * run by its `#!` interpreter, or nothing (not executable).
   */
  programAt(path: string): { program: string } | { interpreter: string[] } | undefined;
  processes(): ProcessInfo[];
  now(): number;
  /** Waits `ms`; resolves false if aborted first. */
  sleep(ms: number, signal: AbortSignal): Promise<boolean>;
  /**
   * Present when the program runs as part of a container's process, which the kubelet computes ahead on
   * simulated time: waiting is then only counted (`advance`), and programs answer at once.
   */
  instant?: { advance(ms: number): void };
  /** Terminal size when a TTY is attached. */
  terminal?: { rows: number; cols: number };
}
