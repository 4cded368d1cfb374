/** Resource limits of one sandbox, and their defaults. */

export interface SandboxLimits {
  /** Memory of everything in the sandbox (memory cgroup), bytes. */
  memoryBytes: number;
  /** Processes and threads of one sandbox (pids cgroup). */
  pids: number;
  /** Processes and threads of one learner's host user across all their sandboxes (RLIMIT_NPROC). */
  processesPerUser: number;
  /** CPU of one sandbox, in cores (cpu cgroup quota). */
  cpuCores: number;
  /** CPU of all sandboxes together, in cores (quota of their parent cgroup); the server keeps the rest. */
  allSandboxesCpuCores: number;
  /** CPU seconds of any one process (RLIMIT_CPU, soft; SIGXCPU then SIGKILL 10 s later). */
  cpuSecondsPerProcess: number;
  /** Largest file a process may write (RLIMIT_FSIZE), bytes. */
  fileSizeBytes: number;
  /** Size of the private /tmp (tmpfs, counted in the sandbox's memory), bytes. */
  tmpBytes: number;
  /** Open files per process (RLIMIT_NOFILE). */
  openFiles: number;
}

const MiB = 1024 * 1024;

export function defaultLimits(cores: number): SandboxLimits {
  return {
    memoryBytes: 768 * MiB,
    pids: 256,
    processesPerUser: 512,
    cpuCores: 1,
    // Leave half a core to the server, which serves every learner's terminal and cluster.
    allSandboxesCpuCores: Math.max(0.5, cores - 0.5),
    cpuSecondsPerProcess: 4 * 3600,
    fileSizeBytes: 256 * MiB,
    tmpBytes: 128 * MiB,
    openFiles: 4096,
  };
}
