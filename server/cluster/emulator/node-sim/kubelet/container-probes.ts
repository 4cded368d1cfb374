/** A container's probes over its run: when the next tick matters, and what a tick does to its state. */
import { check, nextTick, tickOffset, type Probe, type ProbeKind } from './probes.ts';
import type { ContainerSim } from './sim-state.ts';

const SCAN_TICKS = 500;

function probeOf(c: ContainerSim, kind: ProbeKind): Probe | undefined {
  const probes = c.run?.probes;
  return kind === 'Readiness' ? probes?.readiness : kind === 'Liveness' ? probes?.liveness : probes?.startup;
}

/**
 * ms until the next tick that can change something or must report a failure; ticks that would only confirm
 * the current state are skipped, so a healthy container costs nothing between its state changes.
 */
export function untilNextProbe(c: ContainerSim, kind: ProbeKind, now: number): number {
  const run = c.run;
  const probe = probeOf(c, kind);
  if (!run || !probe) return Number.MAX_SAFE_INTEGER;
  const ctx = { run: run.input, listeningAt: run.listeningAt };
  let t = nextTick(probe, Math.max(run.lastTick[kind] + 1, now - run.startedAt), tickOffset(probe, run.input));
  for (let i = 0; i < SCAN_TICKS; i++, t += probe.period) {
    if (!check(probe, t, ctx).ok) break;
    if (kind === 'Startup') break;
    if (run.failures[kind] > 0) break;
    if (kind === 'Readiness' && !c.ready) break;
  }
  return run.startedAt + t - now;
}

/** Runs the tick due now: counts consecutive results and applies the thresholds. */
export function runProbe(c: ContainerSim, kind: ProbeKind, now: number): void {
  const run = c.run;
  const probe = probeOf(c, kind);
  if (!run || !probe) return;
  const offset = tickOffset(probe, run.input);
  const tick = offset + Math.max(0, Math.round((now - run.startedAt - offset) / probe.period)) * probe.period;
  run.lastTick[kind] = tick;
  const result = check(probe, tick, { run: run.input, listeningAt: run.listeningAt });
  c.lastProbe = { ok: result.ok, message: result.message };
  if (result.ok) {
    run.successes[kind]++;
    run.failures[kind] = 0;
    if (kind === 'Startup') {
      c.started = true;
      if (!run.probes.readiness) c.ready = true;
    }
    if (kind === 'Readiness' && run.successes[kind] >= probe.successThreshold) c.ready = true;
    return;
  }
  run.failures[kind]++;
  run.successes[kind] = 0;
  if (run.failures[kind] < probe.failureThreshold) return;
  if (kind === 'Readiness') c.ready = false;
  else c.probeKill = kind === 'Liveness' ? 'liveness' : 'startup';
}
