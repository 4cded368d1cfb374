/**
 * The Priority and DefaultTolerationSeconds admission plugins: resolve `priorityClassName` to
 * `priority` and `preemptionPolicy` (the global default class, or 0, when none is named), and tolerate
 * not-ready and unreachable nodes for 300 s unless the pod already does.
 */
import type { KubeObject } from '../../meta/types.ts';
import type { StrategyContext } from '../../registry/strategy.ts';
import { admissionForbidden } from '../shared/admission.ts';
import { child, isNil, objects, rec, str, type Json } from '../shared/json.ts';

const PRIORITY_CLASSES = { group: 'scheduling.k8s.io', resource: 'priorityclasses' };

/** Always present on a real API server, which creates them at start-up. */
const SYSTEM_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

interface ClassInfo {
  name: string;
  value: number;
  preemptionPolicy: string;
}

function lookupClass(ctx: StrategyContext, name: string): ClassInfo | undefined {
  const pc = ctx.store.get(PRIORITY_CLASSES, undefined, name) as unknown as Json | undefined;
  if (pc) return { name, value: Number(pc.value ?? 0), preemptionPolicy: str(pc.preemptionPolicy) || 'PreemptLowerPriority' };
  if (name in SYSTEM_CLASSES) return { name, value: SYSTEM_CLASSES[name]!, preemptionPolicy: 'PreemptLowerPriority' };
  return undefined;
}

function defaultClass(ctx: StrategyContext): ClassInfo | undefined {
  let best: ClassInfo | undefined;
  for (const pc of ctx.store.list(PRIORITY_CLASSES) as unknown as Json[]) {
    if (pc.globalDefault !== true) continue;
    const info = { name: str(rec(pc.metadata).name), value: Number(pc.value ?? 0), preemptionPolicy: str(pc.preemptionPolicy) || 'PreemptLowerPriority' };
    if (!best || info.value < best.value) best = info;
  }
  return best;
}

export function admitPriority(pod: KubeObject, ctx: StrategyContext): void {
  const spec = child(pod, 'spec');
  let info: ClassInfo;
  const className = str(spec.priorityClassName);
  if (!className) {
    const d = defaultClass(ctx);
    info = d ?? { name: '', value: 0, preemptionPolicy: 'PreemptLowerPriority' };
    if (d) spec.priorityClassName = d.name;
  } else {
    const found = lookupClass(ctx, className);
    if (!found) throw admissionForbidden('', 'pods', pod, `no PriorityClass with name ${className} was found`);
    info = found;
  }
  if (!isNil(spec.priority) && Number(spec.priority) !== info.value) {
    throw admissionForbidden(
      '',
      'pods',
      pod,
      `the integer value of priority (${Number(spec.priority)}) must not be provided in pod spec; priority admission controller computed ${info.value} from the given PriorityClass name`,
    );
  }
  spec.priority = info.value;
  if (!isNil(spec.preemptionPolicy) && spec.preemptionPolicy !== info.preemptionPolicy) {
    throw admissionForbidden(
      '',
      'pods',
      pod,
      `the string value of PreemptionPolicy (${str(spec.preemptionPolicy)}) must not be provided in pod spec; priority admission controller computed ${info.preemptionPolicy} from the given PriorityClass name`,
    );
  }
  spec.preemptionPolicy = info.preemptionPolicy;
}

/** On update the computed priority is kept when the client leaves it out. */
export function keepPriority(pod: KubeObject, old: KubeObject): void {
  const spec = child(pod, 'spec');
  const before = rec(old.spec);
  if (isNil(spec.priority) && !isNil(before.priority)) spec.priority = before.priority;
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

export function admitDefaultTolerations(pod: KubeObject): void {
  const spec = child(pod, 'spec');
  const tolerations = objects(spec.tolerations);
  const tolerates = (key: string) =>
    tolerations.some((t) => (str(t.key) === key || !str(t.key)) && (str(t.effect) === 'NoExecute' || !str(t.effect)));
  const added: Json[] = [];
  if (!tolerates(NOT_READY)) added.push({ key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  if (!tolerates(UNREACHABLE)) added.push({ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  if (added.length > 0) spec.tolerations = [...(Array.isArray(spec.tolerations) ? spec.tolerations : []), ...added];
}
