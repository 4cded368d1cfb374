/**
 * Lifecycle stages as data, kwok-style: each stage says when it applies (a selector over facts of a pod or a
 * container), how long after that it fires (fixed delay, seeded jitter, or a duration fact), which events it
 * records, which actions it performs and which phase comes next. The status of a container in each phase is a
 * template too. Files are YAML in ./stages, checked when loaded.
 */
import { DataError, loadYaml } from '../data-file.ts';

export type Matcher = string | number | boolean | (string | number | boolean)[] | { not: unknown } | { exists: boolean };

export interface EventSpec {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** Reporting component; default `kubelet` (with the node as host). */
  source?: string;
  /** Only when this fact is truthy. */
  if?: string;
  /** One event per element of this list fact (`{{item}}` in the message). */
  each?: string;
}

export interface Stage {
  name: string;
  when: Record<string, Matcher>;
  delay: { ms?: number; jitterMs?: number; from?: string };
  events: EventSpec[];
  do: string[];
  next?: string;
}

export interface StageSet {
  file: string;
  stages: Stage[];
  /** Container status `state` per phase (container stage sets only). */
  states: Record<string, unknown>;
}

function checkStage(file: string, raw: Record<string, unknown>, i: number, facts: Set<string>, actions: Set<string>): Stage {
  const where = `stages[${i}] (${String(raw.name ?? '?')})`;
  if (typeof raw.name !== 'string') throw new DataError(file, where, 'name is required');
  const when = (raw.when ?? {}) as Record<string, Matcher>;
  for (const key of Object.keys(when)) if (!facts.has(key)) throw new DataError(file, where, `unknown fact "${key}" in when`);
  const delay = (raw.delay ?? {}) as Stage['delay'];
  if (delay.from !== undefined && !facts.has(delay.from)) throw new DataError(file, where, `unknown fact "${delay.from}" in delay.from`);
  const doList = (raw.do ?? []) as string[];
  for (const a of doList) if (!actions.has(a)) throw new DataError(file, where, `unknown action "${a}"; known: ${[...actions].join(', ')}`);
  const events = (raw.events ?? []) as EventSpec[];
  events.forEach((e, j) => {
    if (e.type !== 'Normal' && e.type !== 'Warning') throw new DataError(file, `${where}.events[${j}]`, 'type must be Normal or Warning');
    if (!e.reason || typeof e.message !== 'string') throw new DataError(file, `${where}.events[${j}]`, 'reason and message are required');
    if (e.if && !facts.has(e.if)) throw new DataError(file, `${where}.events[${j}]`, `unknown fact "${e.if}" in if`);
    if (e.each && !facts.has(e.each)) throw new DataError(file, `${where}.events[${j}]`, `unknown fact "${e.each}" in each`);
  });
  const next = raw.next as string | undefined;
  if (!next && doList.length === 0 && !delay.ms && !delay.from) {
    throw new DataError(file, where, 'a stage that changes nothing must wait (delay.ms or delay.from), or it would repeat at once');
  }
  return { name: raw.name, when, delay, events, do: doList, ...(next ? { next } : {}) };
}

/** Loads and checks stage files (in order) against the facts and actions a scope offers. */
export function loadStageSet(urls: URL[], facts: Set<string>, actions: Set<string>): StageSet {
  const stages: Stage[] = [];
  let states: Record<string, unknown> = {};
  const names: string[] = [];
  for (const url of urls) {
    const file = url.pathname.split('/').slice(-2).join('/');
    const set = loadYaml(url, (raw) => {
      const doc = raw as { stages?: Record<string, unknown>[]; states?: Record<string, unknown> };
      if (!Array.isArray(doc?.stages)) throw new DataError(file, 'stages', 'expected a list');
      return { stages: doc.stages.map((s, i) => checkStage(file, s, i, facts, actions)), states: doc.states ?? {} };
    });
    for (const s of set.stages) {
      if (names.includes(s.name)) throw new DataError(file, s.name, 'duplicate stage name');
      names.push(s.name);
    }
    stages.push(...set.stages);
    states = { ...states, ...set.states };
  }
  return { file: urls.map((u) => u.pathname.split('/').pop()).join(', '), stages, states };
}
