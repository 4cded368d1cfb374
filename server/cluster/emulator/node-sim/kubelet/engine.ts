/**
 * Evaluates stage sets against subjects (a pod and its containers). A stage becomes due when its selector first
 * matches, at that moment plus its delay; it stays due while it keeps matching; the earliest due stage fires,
 * then everything is matched again. A stage with no `next` fires again after its delay while it matches,
 * which is how periodic behaviour (probes, repeated back-off events) is written.
 */
import { rngFor } from '../random.ts';
import type { EventSpec, Matcher, Stage, StageSet } from './stage-set.ts';

export interface Subject {
  /** Stable identity for seeded jitter: `pod` or `container:<name>`. */
  readonly id: string;
  phase: string;
  /** Stage name → when it fires (epoch ms). */
  readonly dues: Map<string, number>;
  /** How many times each stage fired (seeds the next jitter). */
  readonly fired: Map<string, number>;
  fact(name: string): unknown;
  act(action: string): void;
  emit(event: EventSpec, render: (template: string, extra?: Record<string, unknown>) => string): void;
}

export function matches(m: Matcher, value: unknown): boolean {
  if (Array.isArray(m)) return m.some((x) => x === value);
  if (m !== null && typeof m === 'object') {
    if ('not' in m) return Array.isArray(m.not) ? !m.not.includes(value) : value !== m.not;
    if ('exists' in m) return (value !== undefined && value !== '' && value !== null) === m.exists;
  }
  return m === value;
}

function selects(stage: Stage, s: Subject): boolean {
  return Object.entries(stage.when).every(([fact, m]) => matches(m, fact === 'phase' ? s.phase : s.fact(fact)));
}

/** `{{fact}}` interpolation; a template that is exactly one placeholder yields the fact itself (objects stay objects). */
export function renderValue(template: unknown, lookup: (name: string) => unknown): unknown {
  if (typeof template === 'string') {
    const whole = /^\{\{\s*([\w.]+)\s*\}\}$/.exec(template);
    if (whole) return lookup(whole[1]!);
    return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, k: string) => {
      const v = lookup(k);
      return v === undefined || v === null ? '' : String(v);
    });
  }
  if (Array.isArray(template)) return template.map((t) => renderValue(t, lookup));
  if (template && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) {
      const r = renderValue(v, lookup);
      if (r !== undefined && r !== '') out[k] = r;
    }
    return out;
  }
  return template;
}

export class StageEngine {
  constructor(
    readonly set: StageSet,
    private readonly seed: string,
    private readonly timeScale: number,
  ) {}

  /** Marks stages that now match as due, and forgets those that no longer do. */
  plan(s: Subject, now: number): void {
    for (const stage of this.set.stages) {
      if (!selects(stage, s)) {
        s.dues.delete(stage.name);
        continue;
      }
      if (!s.dues.has(stage.name)) s.dues.set(stage.name, now + this.delay(stage, s));
    }
  }

  private delay(stage: Stage, s: Subject): number {
    const n = s.fired.get(stage.name) ?? 0;
    const jitter = stage.delay.jitterMs ? rngFor(this.seed, s.id, stage.name, n).next() * stage.delay.jitterMs : 0;
    const fixed = ((stage.delay.ms ?? 0) + jitter) * this.timeScale;
    const from = stage.delay.from ? Number(s.fact(stage.delay.from)) || 0 : 0;
    return Math.max(0, Math.round(fixed + from));
  }

  /** The stage of `s` due earliest, with its time. */
  earliest(s: Subject): { stage: Stage; at: number } | undefined {
    let best: { stage: Stage; at: number } | undefined;
    for (const stage of this.set.stages) {
      const at = s.dues.get(stage.name);
      if (at !== undefined && (!best || at < best.at)) best = { stage, at };
    }
    return best;
  }

  /** Applies a stage: actions, then events (which see the facts after the actions), then the next phase. */
  fire(s: Subject, stage: Stage): void {
    s.dues.delete(stage.name);
    s.fired.set(stage.name, (s.fired.get(stage.name) ?? 0) + 1);
    if (!selects(stage, s)) return;
    for (const action of stage.do) s.act(action);
    for (const event of stage.events) {
      if (event.if && !s.fact(event.if)) continue;
      const render = (template: string, extra: Record<string, unknown> = {}) =>
        String(renderValue(template, (k) => (k in extra ? extra[k] : k === 'phase' ? s.phase : s.fact(k))) ?? '');
      if (event.each) {
        const items = s.fact(event.each);
        for (const item of Array.isArray(items) ? items : []) s.emit(event, (t, extra) => render(t, { ...extra, item }));
      } else s.emit(event, render);
    }
    if (stage.next) s.phase = stage.next;
  }

  /** The status template of a phase, rendered. */
  state(s: Subject): unknown {
    const template = this.set.states[s.phase];
    return template === undefined ? undefined : renderValue(template, (k) => (k === 'phase' ? s.phase : s.fact(k)));
  }
}
