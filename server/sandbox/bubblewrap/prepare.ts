/**
 * Turns a SandboxSpec into a ready command line: checks the spec, makes the home, creates the
 * sandbox's cgroups, and assembles launcher + bwrap + init + program.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxSpec } from '../driver.ts';
import { bwrapArgs, sandboxHostname, type Bind, type BwrapFeatures, type SystemLink } from './bwrap-args.ts';
import type { CgroupSet, SandboxCgroups } from './cgroups.ts';
import { assertReachable, ensureHome } from './home.ts';
import { innerCommand } from './inner-init.ts';
import { launchCommand, type HostTools } from './launcher.ts';
import { SANDBOX_HOME, SANDBOX_PATH, SANDBOX_USER } from './layout.ts';
import type { SandboxLimits } from './limits.ts';
import type { Logger } from './logger.ts';

export interface DriverContext {
  tools: HostTools;
  features: BwrapFeatures;
  system: Bind[];
  links: SystemLink[];
  etc: Bind[];
  extra: Bind[];
  bashrc: string;
  limits: SandboxLimits;
  cgroups?: SandboxCgroups;
  /** The server runs as root: learners get their own uid. */
  asRoot: boolean;
  minUid: number;
  env: Record<string, string>;
  log: Logger;
  /** Socket paths already warned about (once each). */
  warned: Set<string>;
  /** Uids already known to reach every extra bind. */
  reachable: Set<number>;
}

/** A command line ready to spawn, and what to undo once it ended. */
export interface Launch {
  file: string;
  args: string[];
  env: Record<string, string>;
  cgroups?: CgroupSet;
  /** Kills whatever is left in the sandbox's cgroups and removes them. Safe to call twice. */
  release(): Promise<void>;
}

export type Program = { kind: 'shell' } | { kind: 'command'; command: string };

export type BaseSpec = Omit<SandboxSpec, 'cols' | 'rows'>;

export async function prepareLaunch(ctx: DriverContext, spec: BaseSpec, program: Program): Promise<Launch> {
  checkSpec(ctx, spec);
  const uid = ctx.asRoot ? spec.uid : undefined;
  await ensureHome(spec.home, uid);
  if (uid !== undefined) await checkExtraBinds(ctx, uid);
  const apiSocket = await usableSocket(ctx, spec.apiSocket, uid);
  let cgroups: CgroupSet | undefined;
  if (ctx.cgroups && ctx.cgroups.controllers.length > 0) {
    try {
      cgroups = await ctx.cgroups.create(`${spec.learnerId}-${spec.lab}`);
    } catch (err) {
      ctx.log.warn(`sandbox of ${spec.learnerId}: cgroups not created (${(err as Error).message}); only rlimits apply`);
    }
  }
  const command = program.kind === 'shell' ? ['/bin/bash', '--rcfile', ctx.bashrc, '-i'] : ['/bin/bash', '-c', program.command];
  const args = bwrapArgs({
    hostname: sandboxHostname(spec.lab),
    home: spec.home,
    ...(apiSocket ? { apiSocket } : {}),
    system: ctx.system,
    links: ctx.links,
    etc: ctx.etc,
    extra: ctx.extra,
    tmpBytes: ctx.limits.tmpBytes,
    devShmBytes: Math.min(ctx.limits.tmpBytes, 64 * 1024 * 1024),
    features: ctx.features,
    newSession: program.kind === 'command',
    command: innerCommand(ctx.tools, command),
  });
  const launch = launchCommand({ tools: ctx.tools, cgroupProcs: cgroups?.procs ?? [], limits: ctx.limits, ...(uid !== undefined ? { uid } : {}), bwrapArgs: args });
  let released: Promise<void> | undefined;
  return {
    ...launch,
    env: sandboxEnv(ctx, spec),
    ...(cgroups ? { cgroups } : {}),
    release: () =>
      (released ??= (async () => {
        if (!cgroups) return;
        await cgroups.killAll();
        await cgroups.remove().catch((err: Error) => ctx.log.warn(`sandbox of ${spec.learnerId}: ${err.message}`));
      })()),
  };
}

/** bwrap binds as the learner: say which folder is in the way rather than "Can't find source path". */
async function checkExtraBinds(ctx: DriverContext, uid: number): Promise<void> {
  if (ctx.reachable.has(uid)) return;
  for (const bind of ctx.extra) {
    if (!bind.optional) await assertReachable(path.dirname(bind.source), uid, `the read-only bind ${bind.source}`);
  }
  ctx.reachable.add(uid);
}

function checkSpec(ctx: DriverContext, spec: BaseSpec): void {
  if (!Number.isInteger(spec.uid) || spec.uid === 0 || spec.uid < ctx.minUid) {
    throw new Error(`sandbox uid must be a whole number of at least ${ctx.minUid} (never 0), not ${spec.uid}`);
  }
  for (const [name, value] of [['home', spec.home], ['apiSocket', spec.apiSocket]] as const) {
    if (!path.isAbsolute(value) || value.includes('\0')) throw new Error(`sandbox ${name} must be an absolute path, not "${value}"`);
  }
}

/** The socket when it exists and the learner's uid can reach it; otherwise a warning (once) and none. */
async function usableSocket(ctx: DriverContext, socket: string, uid: number | undefined): Promise<string | undefined> {
  const st = await lstat(socket).catch(() => undefined);
  let problem = st?.isSocket() ? undefined : 'is not a Unix socket (yet)';
  if (!problem && uid !== undefined) {
    problem = await assertReachable(path.dirname(socket), uid, 'the cluster API socket').then(
      () => undefined,
      (err: Error) => err.message,
    );
  }
  if (!problem) return socket;
  if (!ctx.warned.has(socket)) {
    ctx.warned.add(socket);
    ctx.log.warn(`sandbox: cluster API socket ${socket} ${problem}; kubectl inside the sandbox will not reach a cluster`);
  }
  return undefined;
}

function sandboxEnv(ctx: DriverContext, spec: BaseSpec): Record<string, string> {
  return {
    HOME: SANDBOX_HOME,
    USER: SANDBOX_USER,
    LOGNAME: SANDBOX_USER,
    SHELL: '/bin/bash',
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    PATH: SANDBOX_PATH,
    ...ctx.env,
    ...spec.env,
  };
}
