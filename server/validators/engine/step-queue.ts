/**
 * Steps waiting to be evaluated, with what triggered them, merged per step. The next one taken is a
 * step someone pressed Check on, then the current step, then the lowest.
 */
import type { Trigger } from './triggers.ts';

export class StepQueue {
  private readonly pending = new Map<number, Set<Trigger>>();

  add(index: number, trigger: Trigger): void {
    const set = this.pending.get(index) ?? new Set<Trigger>();
    set.add(trigger);
    this.pending.set(index, set);
  }

  get size(): number {
    return this.pending.size;
  }

  clear(): void {
    this.pending.clear();
  }

  take(current: number): { index: number; triggers: Set<Trigger> } | undefined {
    if (this.pending.size === 0) return undefined;
    const keys = [...this.pending.keys()];
    const explicit = keys.filter((i) => this.pending.get(i)!.has('explicit'));
    const index = explicit.length > 0 ? Math.min(...explicit) : this.pending.has(current) ? current : Math.min(...keys);
    const triggers = this.pending.get(index)!;
    this.pending.delete(index);
    return { index, triggers };
  }
}
