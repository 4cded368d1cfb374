/**
 * The host-side chain that leads to bwrap, as one argv (pure). Each step `exec`s the next, so the
 * process node-pty or child_process started ends up being bwrap itself:
 *
 *   sh (join the sandbox's cgroups, as root) → prlimit (rlimits) → setpriv (learner's uid/gid, no
 *   supplementary groups) → bwrap …
 *
 * Joining cgroups must happen before anything forks, hence the tiny shell step; it is left out when
 * there are no cgroups to join.
 */
import type { SandboxLimits } from './limits.ts';

export interface HostTools {
  sh: string;
  prlimit: string;
  setpriv: string;
  bwrap: string;
  /** Inside the sandbox too (they live under /usr). */
  socat: string;
  setsid: string;
}

export interface LaunchPlan {
  tools: HostTools;
  /** `cgroup.procs` files to write the process's pid into before anything else. */
  cgroupProcs: string[];
  limits: SandboxLimits;
  /** Host uid (and gid) to become; undefined when the server is not root and stays itself. */
  uid?: number;
  bwrapArgs: string[];
}

const JOIN_CGROUPS = 'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n-1)); done; exec "$@"';

export function launchCommand(plan: LaunchPlan): { file: string; args: string[] } {
  const { tools, limits } = plan;
  const rlimits = [
    `--cpu=${limits.cpuSecondsPerProcess}:${limits.cpuSecondsPerProcess + 10}`,
    `--fsize=${limits.fileSizeBytes}`,
    `--nofile=${limits.openFiles}`,
    '--core=0',
    // Per-uid process counts only mean something when the learner has a uid of their own.
    ...(plan.uid !== undefined ? [`--nproc=${limits.processesPerUser}`] : []),
  ];
  const setpriv = plan.uid !== undefined ? [tools.setpriv, `--reuid=${plan.uid}`, `--regid=${plan.uid}`, '--clear-groups', '--'] : [];
  const chain = [tools.prlimit, ...rlimits, '--', ...setpriv, tools.bwrap, ...plan.bwrapArgs];
  if (plan.cgroupProcs.length === 0) return { file: chain[0]!, args: chain.slice(1) };
  return { file: tools.sh, args: ['-c', JOIN_CGROUPS, 'podium-launch', String(plan.cgroupProcs.length), ...plan.cgroupProcs, ...chain] };
}
