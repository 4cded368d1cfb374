/**
 * Warm start: a new cluster is handed over as if it had been created some minutes ago. Rather than writing
 * made-up status, the cluster lives through those minutes at once: it runs on a clock set in the past whose
 * timers fire back to back, with deferred work run after each, until that clock reaches the present. Then it
 * runs on real time, and the timers still pending are handed to the event loop. Every timestamp, status,
 * condition, lease, event and log line is therefore the one the simulation itself writes, in the order an
 * EKS cluster built by eksctl comes up in: control plane and node group first, add-on workloads a little later.
 *
 * Objects are written by the platform as the control plane, before the API is served; nothing changes in
 * what a client may write (a client still cannot set `creationTimestamp`).
 */
import { realClock, type Clock } from '../clock.ts';
import type { EmulatedCluster } from '../cluster.ts';
import type { Defer } from '../controllers/types.ts';
import { immediateDefer } from '../controllers/work-queue.ts';
import type { KubeObject } from '../meta/types.ts';
import { createBootstrapObjects } from './apply.ts';

export interface WarmStartOptions {
  /** How long ago the control plane and the node group were created (ms). Default 12 minutes. */
  ageMs?: number;
  /** How long after them the add-on workloads (CoreDNS, VPC CNI, kube-proxy…) were applied (ms). Default 40 s. */
  addonsAfterMs?: number;
}

export const DEFAULT_WARM_START: Required<WarmStartOptions> = { ageMs: 12 * 60_000, addonsAfterMs: 40_000 };

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  /** Set once the timer has been handed to the real clock. */
  cancelReal?: () => void;
  done: boolean;
}

/**
 * The clock and deferral of a cluster that is warm-started: real time and `setImmediate` once `finish` has
 * run (and before `begin`); in between, a time that moves only through `runUntil`.
 */
export class WarmStartClock implements Clock {
  /** `real` and `immediate` are what the cluster runs on once warm (tests give a ManualClock and ManualDefer). */
  constructor(
    private readonly real: Clock = realClock,
    private readonly immediate: Defer = immediateDefer,
  ) {}

  private virtual: number | undefined;
  private timers: Timer[] = [];
  private deferred: (() => void)[] = [];
  private seq = 0;

  get warming(): boolean {
    return this.virtual !== undefined;
  }

  now(): number {
    return this.virtual ?? this.real.now();
  }

  setTimeout(fn: () => void, ms: number): () => void {
    if (this.virtual === undefined) return this.real.setTimeout(fn, ms);
    const timer: Timer = { at: this.virtual + Math.max(0, ms), seq: this.seq++, fn, done: false };
    this.timers.push(timer);
    return () => {
      timer.done = true;
      timer.cancelReal?.();
    };
  }

  readonly defer: Defer = (fn) => {
    if (this.virtual === undefined) this.immediate(fn);
    else this.deferred.push(fn);
  };

  /** Time starts at `at` (ms, in the past). */
  begin(at: number): void {
    if (this.virtual !== undefined) throw new Error('warm start: already begun');
    this.virtual = at;
  }

  /** Runs deferred work, then every timer due until `target`, in order, with the deferred work each one causes. */
  runUntil(target: number): void {
    if (this.virtual === undefined) throw new Error('warm start: not begun');
    this.settle();
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      next.done = true;
      this.virtual = Math.max(this.virtual, next.at);
      next.fn();
      this.settle();
    }
    this.virtual = Math.max(this.virtual, target);
  }

  /** Catches up with real time, then hands the timers still pending to it. */
  finish(): void {
    if (this.virtual === undefined) return;
    this.runUntil(Math.max(this.virtual, this.real.now()));
    // Real time moved while that ran: run what fell due meanwhile.
    for (let i = 0; i < 10 && this.virtual < this.real.now(); i++) this.runUntil(this.real.now());
    this.handOff();
  }

  /** Real time from now on, without running what is left of the warm-up (after a failure). */
  handOff(): void {
    if (this.virtual === undefined) return;
    const pending = this.timers.filter((t) => !t.done).sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.timers = [];
    this.deferred = [];
    this.virtual = undefined;
    for (const t of pending) {
      t.cancelReal = this.real.setTimeout(() => {
        t.done = true;
        t.fn();
      }, Math.max(0, t.at - this.real.now()));
    }
  }

  private settle(): void {
    for (let rounds = 0; this.deferred.length > 0; rounds++) {
      if (rounds > 100_000) throw new Error('warm start: deferred work does not settle');
      this.deferred.shift()!();
    }
  }

  private nextDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    let kept = 0;
    for (const t of this.timers) {
      if (t.done) continue;
      this.timers[kept++] = t;
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    this.timers.length = kept;
    return best;
  }
}

/** When a warm-started cluster's objects came to exist. */
export interface WarmStartTimes {
  /** When the control plane and the node group were created (ms): the time to bootstrap with. */
  born: number;
  /** When the add-on workloads were applied (ms). */
  addonsAt: number;
}

export function warmStartTimes(now: number, options: WarmStartOptions = {}): WarmStartTimes {
  const o = { ...DEFAULT_WARM_START, ...options };
  const age = Math.max(0, o.ageMs);
  return { born: now - age, addonsAt: now - age + Math.min(Math.max(0, o.addonsAfterMs), age) };
}

/**
 * Writes a bootstrap's objects into a cluster that runs on `clock` and whose controllers are not started: the
 * control plane and nodes at `born`, then the controllers start, then the add-ons at `addonsAt`; the cluster
 * then lives until the present. On return it runs on real time with its controllers started.
 */
export function warmStart(cluster: EmulatedCluster, clock: WarmStartClock, boot: { objects: KubeObject[]; addons: KubeObject[] }, times: WarmStartTimes): void {
  const later = new Set(boot.addons);
  clock.begin(times.born);
  try {
    createBootstrapObjects(cluster.api, cluster.registry, boot.objects.filter((x) => !later.has(x)));
    cluster.start();
    clock.runUntil(times.addonsAt);
    createBootstrapObjects(cluster.api, cluster.registry, boot.objects.filter((x) => later.has(x)));
    clock.finish();
  } catch (e) {
    clock.handOff();
    throw e;
  }
}
