/** What to write into a sandbox's cgroups for its limits (pure), for cgroup v1 and v2. */
import type { Controller } from './cgroup-layout.ts';
import type { SandboxLimits } from './limits.ts';

export interface CgroupWrite {
  controller: Controller;
  file: string;
  value: string;
  /** Some kernels lack it (no swap accounting): a failure is not an error. */
  optional?: boolean;
}

const PERIOD_US = 100_000;

export function quota(cores: number): number {
  return Math.max(1000, Math.round(cores * PERIOD_US));
}

/** Per-sandbox limits. The order matters in v1: memsw may never be below limit_in_bytes. */
export function sandboxLimitWrites(version: 1 | 2, limits: SandboxLimits): CgroupWrite[] {
  if (version === 1) {
    return [
      { controller: 'memory', file: 'memory.limit_in_bytes', value: String(limits.memoryBytes) },
      { controller: 'memory', file: 'memory.memsw.limit_in_bytes', value: String(limits.memoryBytes), optional: true },
      { controller: 'pids', file: 'pids.max', value: String(limits.pids) },
      { controller: 'cpu', file: 'cpu.cfs_period_us', value: String(PERIOD_US) },
      { controller: 'cpu', file: 'cpu.cfs_quota_us', value: String(quota(limits.cpuCores)) },
    ];
  }
  return [
    { controller: 'memory', file: 'memory.max', value: String(limits.memoryBytes) },
    { controller: 'memory', file: 'memory.swap.max', value: '0', optional: true },
    { controller: 'pids', file: 'pids.max', value: String(limits.pids) },
    { controller: 'cpu', file: 'cpu.max', value: `${quota(limits.cpuCores)} ${PERIOD_US}` },
  ];
}

/** Limits of the folder that holds every sandbox: their CPU together, so the server keeps some. */
export function parentLimitWrites(version: 1 | 2, limits: SandboxLimits): CgroupWrite[] {
  if (version === 1) {
    return [
      { controller: 'cpu', file: 'cpu.cfs_period_us', value: String(PERIOD_US) },
      { controller: 'cpu', file: 'cpu.cfs_quota_us', value: String(quota(limits.allSandboxesCpuCores)) },
    ];
  }
  return [{ controller: 'cpu', file: 'cpu.max', value: `${quota(limits.allSandboxesCpuCores)} ${PERIOD_US}` }];
}
