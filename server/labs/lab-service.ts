import type { LabState, StepState } from '../../src/lib/labs/api.ts';
import type { LabDefinition } from '../../src/lib/labs/definition.ts';
import type { ClusterBackend } from '../cluster/backend.ts';
import type { SandboxDriver, SandboxSpec } from '../sandbox/driver.ts';
import type { CommandLogStore } from '../store/command-log.ts';
import type { Learner } from '../store/learners.ts';
import type { Progress, StepProgress } from '../store/progress.ts';
import { LabValidator, type KubeClusterReader } from '../validators/index.ts';
import { buildCheckContext } from './check-context.ts';
import { LabError, type LabApi } from '../http/lab-api.ts';
import { existingEnvironment, labSandboxSpec, prepareEnvironment, type LabEnvironment } from './lab-environment.ts';
import { labState, solutionAvailable, storedStepStates } from './lab-state.ts';
import type { LiveHub } from './live-hub.ts';

/** The embedded backend can also give a learner's sandbox a socket that reaches only their clusters. */
export interface OwnerSockets {
  openOwnerSocket(owner: string, socketPath: string, opts?: { uid?: number }): Promise<void>;
  closeOwnerSocket(socketPath: string): Promise<void>;
}

export interface LabServiceDeps {
  labs: Map<string, LabDefinition>;
  labsDir: string;
  dataDir: string;
  backend: ClusterBackend & OwnerSockets;
  driver: SandboxDriver;
  progress: Progress;
  commands: CommandLogStore;
  live: LiveHub;
  /** Unix user ids are only used when the server runs as root. */
  useUids: boolean;
  /** An active lab nobody looks at is wound down after this long (its shell has its own grace period). */
  idleMs?: number;
  now?: () => number;
}

interface ActiveLab {
  learner: Learner;
  lab: LabDefinition;
  env: LabEnvironment;
  validator: LabValidator;
  readers: KubeClusterReader[];
  lastUsed: number;
}

/**
 * Each learner's labs: prepares them (clusters, home, shell), runs their validators while they are
 * in use, and keeps their progress in the store so a restart loses nothing.
 */
export class LabService implements LabApi {
  private readonly active = new Map<string, ActiveLab>();
  private readonly starting = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly deps: LabServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.sweep = setInterval(() => void this.windDownIdle(), 60_000);
    this.sweep.unref();
  }

  exists(lab: string): boolean {
    return this.deps.labs.has(lab);
  }

  async state(learner: Learner, labName: string): Promise<LabState> {
    const lab = this.lab(labName);
    const progress = this.deps.progress.lab(learner.id, lab.name);
    if (progress?.phase === 'ready' || progress?.phase === 'completed') await this.ensureActive(learner, lab).catch(() => undefined);
    return labState(lab, learner, this.deps.progress.lab(learner.id, lab.name), this.stepStates(learner, lab));
  }

  async start(learner: Learner, labName: string): Promise<LabState> {
    const lab = this.lab(labName);
    const key = keyOf(learner.id, lab.name);
    const phase = this.deps.progress.lab(learner.id, lab.name)?.phase;
    if (phase !== 'ready' && phase !== 'completed' && !this.starting.has(key)) {
      const run = this.prepare(learner, lab).finally(() => this.starting.delete(key));
      this.starting.set(key, run);
    }
    await this.starting.get(key);
    return this.state(learner, lab.name);
  }

  async check(learner: Learner, labName: string, stepId: string): Promise<StepState> {
    const lab = this.lab(labName);
    this.step(lab, stepId);
    const active = await this.requireActive(learner, lab);
    await active.validator.check(stepId);
    return this.stepState(learner, lab, stepId);
  }

  async hint(learner: Learner, labName: string, stepId: string): Promise<StepState> {
    const lab = this.lab(labName);
    const def = this.step(lab, stepId);
    const stored = this.deps.progress.steps(learner.id, lab.name);
    const p = stepProgress(stored, stepId);
    if (p.hintsShown < def.hints.length) this.setStep(learner, lab, stored, { ...p, hintsShown: p.hintsShown + 1 });
    return this.stepState(learner, lab, stepId, stored);
  }

  async solution(learner: Learner, labName: string, stepId: string): Promise<StepState> {
    const lab = this.lab(labName);
    const def = this.step(lab, stepId);
    const stored = this.deps.progress.steps(learner.id, lab.name);
    const p = stepProgress(stored, stepId);
    if (!def.showSolution) throw new LabError(403, 'The author keeps this step\'s solution hidden: the hints will get you there.');
    if (!p.solutionShown && !solutionAvailable(def, p)) throw new LabError(409, 'Look at the hints first; the solution comes after them.');
    this.setStep(learner, lab, stored, { ...p, solutionShown: true });
    return this.stepState(learner, lab, stepId, stored);
  }

  /** The sandbox of a learner's lab (the lab must have been started). */
  async sandboxSpec(learner: Learner, labName: string): Promise<Omit<SandboxSpec, 'cols' | 'rows'>> {
    const active = await this.requireActive(learner, this.lab(labName));
    return labSandboxSpec(learner.id, this.uid(learner), active.lab.name, active.env);
  }

  /** Tells the lab's validator that a shell prompt was shown (commands may have changed files). */
  promptShown(learnerId: string, labName: string): void {
    const active = this.active.get(keyOf(learnerId, labName));
    if (!active) return;
    active.lastUsed = this.now();
    active.validator.notifyPrompt();
  }

  /** Marks a lab in use (a page or terminal is open), so it is not wound down. */
  touch(learnerId: string, labName: string): void {
    const active = this.active.get(keyOf(learnerId, labName));
    if (active) active.lastUsed = this.now();
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    await Promise.all([...this.active.keys()].map((k) => this.windDown(k)));
  }

  private async prepare(learner: Learner, lab: LabDefinition): Promise<void> {
    const startedAt = this.now();
    this.deps.progress.setLab(learner.id, lab.name, { phase: 'starting', error: null, startedAt, completedAt: null });
    this.publishState(learner, lab);
    try {
      const env = await prepareEnvironment(this.envDeps(), learner.id, this.uid(learner), lab);
      this.deps.progress.setLab(learner.id, lab.name, { phase: 'ready', error: null, startedAt, completedAt: null });
      await this.activate(learner, lab, env);
    } catch (err) {
      console.error(`starting ${lab.name} for ${learner.id}:`, err);
      this.deps.progress.setLab(learner.id, lab.name, {
        phase: 'failed',
        error: 'Your lab could not be prepared. Try again; if it keeps failing, tell your instructor.',
        startedAt,
        completedAt: null,
      });
    }
    this.publishState(learner, lab);
  }

  private async requireActive(learner: Learner, lab: LabDefinition): Promise<ActiveLab> {
    const phase = this.deps.progress.lab(learner.id, lab.name)?.phase;
    if (phase !== 'ready' && phase !== 'completed') throw new LabError(409, 'Start the lab first.');
    return this.ensureActive(learner, lab);
  }

  private async ensureActive(learner: Learner, lab: LabDefinition): Promise<ActiveLab> {
    const key = keyOf(learner.id, lab.name);
    const hit = this.active.get(key);
    if (hit) {
      hit.lastUsed = this.now();
      return hit;
    }
    const pending = this.starting.get(key);
    if (pending) await pending;
    return this.active.get(key) ?? this.activate(learner, lab, await existingEnvironment(this.envDeps(), learner.id, this.uid(learner), lab));
  }

  private async activate(learner: Learner, lab: LabDefinition, env: LabEnvironment): Promise<ActiveLab> {
    const key = keyOf(learner.id, lab.name);
    const existing = this.active.get(key);
    if (existing) return existing;
    const uid = this.uid(learner);
    await this.deps.backend.openOwnerSocket(learner.id, env.paths.apiSocket, uid !== undefined ? { uid } : {});
    const { ctx, readers } = await buildCheckContext(
      {
        backend: this.deps.backend,
        driver: this.deps.driver,
        labsDir: this.deps.labsDir,
        kubectlCommands: async (clusterIds) => this.deps.commands.commandsFor(learner.id, clusterIds),
      },
      lab,
      env,
      labSandboxSpec(learner.id, uid, lab.name, env),
    );
    const stored = this.deps.progress.steps(learner.id, lab.name);
    const restore = Object.fromEntries(
      [...stored].filter(([, p]) => p.status === 'passed').map(([id, p]) => [id, p.completedAt ? { completedAt: new Date(p.completedAt).toISOString() } : {}]),
    );
    // Hints and solutions revealed are the store's: stepStates() adds them to the engine's states.
    const validator = new LabValidator({
      steps: lab.steps,
      ctx,
      restore,
      onChange: (_states, changed) => this.recordStep(learner, lab, changed),
      onError: (err) => console.error(`validator of ${lab.name} for ${learner.id}:`, err),
    });
    const active: ActiveLab = { learner, lab, env, validator, readers, lastUsed: this.now() };
    this.active.set(key, active);
    validator.start();
    return active;
  }

  /** Stores a step's new state and tells the learner's open pages. */
  private recordStep(learner: Learner, lab: LabDefinition, changed: StepState): void {
    const stored = this.deps.progress.steps(learner.id, lab.name);
    const old = stepProgress(stored, changed.id);
    const completedAt = changed.completedAt ? Date.parse(changed.completedAt) : null;
    this.setStep(learner, lab, stored, {
      ...old,
      status: changed.status === 'passed' ? 'passed' : changed.status === 'failed' ? 'failed' : 'pending',
      results: changed.checks,
      checkedAt: changed.checkedAt ? Date.parse(changed.checkedAt) : old.checkedAt,
      completedAt: completedAt ?? old.completedAt,
    });
    const states = this.stepStates(learner, lab, stored);
    const allPassed = states.every((s) => s.status === 'passed');
    let progress = this.deps.progress.lab(learner.id, lab.name);
    if (allPassed && progress && progress.phase !== 'completed') {
      progress = { ...progress, phase: 'completed', completedAt: this.now() };
      this.deps.progress.setLab(learner.id, lab.name, progress);
    }
    const current = states.findIndex((s) => s.status !== 'passed');
    const phase = progress?.phase ?? 'ready';
    this.deps.live.publish(learner.id, lab.name, {
      type: 'step',
      step: states.find((s) => s.id === changed.id)!,
      current: current < 0 ? states.length : current,
      phase,
    });
  }

  /** Stores a step's progress, and keeps `stored` (read earlier in the same operation) up to date. */
  private setStep(learner: Learner, lab: LabDefinition, stored: Map<string, StepProgress>, p: StepProgress): void {
    this.deps.progress.setStep(learner.id, lab.name, p);
    stored.set(p.step, p);
  }

  /** `stored` is the learner's step progress when the caller has just read it. */
  private stepStates(learner: Learner, lab: LabDefinition, stored = this.deps.progress.steps(learner.id, lab.name)): StepState[] {
    const active = this.active.get(keyOf(learner.id, lab.name));
    if (!active) return storedStepStates(lab, stored);
    // The engine knows the latest results; the store knows what was revealed.
    const fromStore = storedStepStates(lab, stored);
    return active.validator.states().map((s, i) => ({
      ...s,
      hints: fromStore[i]!.hints,
      ...(fromStore[i]!.solution ? { solution: fromStore[i]!.solution } : {}),
      solutionAvailable: solutionAvailable(lab.steps[i]!, { hintsShown: stored.get(s.id)?.hintsShown ?? 0, status: s.status }),
    }));
  }

  private stepState(learner: Learner, lab: LabDefinition, stepId: string, stored?: Map<string, StepProgress>): StepState {
    return this.stepStates(learner, lab, stored).find((s) => s.id === stepId)!;
  }

  private publishState(learner: Learner, lab: LabDefinition): void {
    this.deps.live.publish(learner.id, lab.name, {
      type: 'state',
      state: labState(lab, learner, this.deps.progress.lab(learner.id, lab.name), this.stepStates(learner, lab)),
    });
  }

  private uid(learner: Learner): number | undefined {
    return this.deps.useUids ? learner.uid : undefined;
  }

  private envDeps() {
    return { backend: this.deps.backend, dataDir: this.deps.dataDir, labsDir: this.deps.labsDir };
  }

  private lab(name: string): LabDefinition {
    const lab = this.deps.labs.get(name);
    if (!lab) throw new LabError(404, `There is no lab "${name}".`);
    return lab;
  }

  private step(lab: LabDefinition, stepId: string) {
    const step = lab.steps.find((s) => s.id === stepId);
    if (!step) throw new LabError(404, `The lab "${lab.name}" has no step "${stepId}".`);
    return step;
  }

  private async windDownIdle(): Promise<void> {
    const limit = this.deps.idleMs ?? 20 * 60_000;
    for (const [key, active] of this.active) {
      if (this.now() - active.lastUsed > limit && !this.deps.live.watching(active.learner.id, active.lab.name)) await this.windDown(key);
    }
  }

  private async windDown(key: string): Promise<void> {
    const active = this.active.get(key);
    if (!active) return;
    this.active.delete(key);
    active.validator.stop();
    for (const r of active.readers) r.close();
  }
}

function keyOf(learnerId: string, lab: string): string {
  return `${learnerId}/${lab}`;
}

/** A step's stored progress, or that of a step not looked at yet. */
function stepProgress(stored: Map<string, StepProgress>, stepId: string): StepProgress {
  return (
    stored.get(stepId) ?? {
      step: stepId,
      status: 'pending',
      hintsShown: 0,
      solutionShown: false,
      results: [],
      checkedAt: null,
      completedAt: null,
    }
  );
}
