/** What the simulated kubelet remembers about the pods on its node (in memory; rebuilt from status on restart). */
import type { Json } from '../json.ts';
import type { Backoff } from './backoff.ts';
import type { PullOutcome, ResolvedImage } from './images/catalogue.ts';
import type { Outcome, RunInput } from './process.ts';
import type { containerProbes } from './probes.ts';

export interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  signal?: number;
  startedAt: string;
  finishedAt: string;
  containerID?: string;
}

export interface Run {
  input: RunInput;
  startedAt: number;
  outcome: Outcome;
  listeningAt: number | undefined;
  probes: ReturnType<typeof containerProbes>;
  /** Probe bookkeeping: ticks already evaluated and consecutive results. */
  lastTick: Record<'Readiness' | 'Liveness' | 'Startup', number>;
  successes: Record<'Readiness' | 'Liveness' | 'Startup', number>;
  failures: Record<'Readiness' | 'Liveness' | 'Startup', number>;
}

export interface ContainerSim {
  id: string;
  name: string;
  init: boolean;
  /** Added to the running pod by `kubectl debug` (spec.ephemeralContainers): never restarted, not counted for readiness. */
  ephemeral?: boolean;
  sidecar: boolean;
  spec: Json;
  phase: string;
  dues: Map<string, number>;
  fired: Map<string, number>;
  restartCount: number;
  containerId?: string;
  image?: ResolvedImage;
  pull?: { outcome: PullOutcome; startedAt: number; duration: number };
  run?: Run;
  terminated?: Terminated;
  lastTerminated?: Terminated;
  /** When the last run ended, to the millisecond (back-off is measured from it). */
  finishedAtMs?: number;
  /** The last pull error, kept for the ImagePullBackOff message. */
  lastPullError?: string;
  ready: boolean;
  started: boolean;
  /** Why the running process is being stopped: `deleted` or the probe that failed. */
  stopping?: { reason: 'deleted' | 'liveness' | 'startup'; at: number; delay: number };
  probeKill?: 'liveness' | 'startup';
  /** A restart is under way: the next container created counts as a restart. */
  restarting?: boolean;
  /** The kubelet's reason cache: the last sync error, reported until a container starts again. */
  lastReason?: { reason: string; message?: string };
  lastProbe?: { ok: boolean; message: string };
  crashBackoff: Backoff;
  pullBackoff: Backoff;
}

export interface PodSim {
  key: string;
  uid: string;
  namespace: string;
  name: string;
  node: string;
  phase: string;
  dues: Map<string, number>;
  fired: Map<string, number>;
  containers: ContainerSim[];
  startTime?: number;
  hostIP?: string;
  podIP?: string;
  sandbox: boolean;
  attached: Set<string>;
  justAttached: string[];
  mountFailures: number;
  conditionTimes: Map<string, { status: string; time: string }>;
  timer?: () => void;
  lastStatus?: string;
  gone: boolean;
}
