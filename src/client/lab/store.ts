import type { LabState, StepState } from '../../lib/labs/api.ts';
import { applyStep } from '../../lib/labs/step-view.ts';

type Listener = (next: LabState, previous: LabState | undefined) => void;

/** The learner's lab state on this page: one place that every update goes through. */
export class LabStore {
  private current: LabState | undefined;
  private readonly listeners = new Set<Listener>();

  get state(): LabState | undefined {
    return this.current;
  }

  set(state: LabState): void {
    const previous = this.current;
    this.current = state;
    this.listeners.forEach((l) => l(state, previous));
  }

  step(step: StepState, current?: number, phase?: LabState['phase']): void {
    if (!this.current) return;
    this.set(applyStep(this.current, step, current, phase));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
