/**
 * Which nodes a DaemonSet runs on (upstream's NodeShouldRunDaemonPod): the node must match the pod's
 * nodeSelector and required node affinity, and every NoSchedule/NoExecute taint must be tolerated, with
 * the tolerations every DaemonSet pod gets added. A pod already running stays unless a NoExecute taint
 * is not tolerated.
 */
import type { StoredObject } from '../../meta/types.ts';
import type { Affinity, NodeSelectorRequirement, NodeSelectorTerm, PodSpec, Taint, Toleration } from '../shared/types.ts';

export interface Node extends StoredObject {
  spec?: { taints?: Taint[]; unschedulable?: boolean };
}

const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });

/** The tolerations added to every DaemonSet pod (`AddOrUpdateDaemonPodTolerations`), in upstream's order. */
export function daemonTolerations(spec: PodSpec): Toleration[] {
  const list = [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
  ];
  if (spec.hostNetwork) list.push(exists('node.kubernetes.io/network-unavailable', 'NoSchedule'));
  return list;
}

/** Adds tolerations not already present (same key, operator, value, effect). */
export function withDaemonTolerations(spec: PodSpec): Toleration[] {
  const out = [...(spec.tolerations ?? [])];
  for (const t of daemonTolerations(spec)) {
    const same = (x: Toleration) => (x.key ?? '') === t.key && (x.operator ?? 'Equal') === t.operator && (x.value ?? '') === (t.value ?? '') && (x.effect ?? '') === t.effect;
    if (!out.some(same)) out.push(t);
  }
  return out;
}

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  const op = t.operator ?? 'Equal';
  if (op === 'Exists') return true;
  return op === 'Equal' && (t.value ?? '') === (taint.value ?? '');
}

function untolerated(taints: Taint[], tolerations: Toleration[], effects: string[]): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)));
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  switch (r.operator) {
    case 'In':
      return value !== undefined && (r.values ?? []).includes(value);
    case 'NotIn':
      return value === undefined || !(r.values ?? []).includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(r.values?.[0] ?? '')) return false;
      return r.operator === 'Gt' ? Number(value) > Number(r.values![0]) : Number(value) < Number(r.values![0]);
    }
    default:
      return false;
  }
}

function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  return (
    exprs.every((r) => requirementMatches(r, node.metadata.labels?.[r.key])) &&
    fields.every((r) => requirementMatches(r, r.key === 'metadata.name' ? node.metadata.name : undefined))
  );
}

export function nodeMatchesAffinity(spec: PodSpec, node: Node): boolean {
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (node.metadata.labels?.[k] !== v) return false;
  const required = (spec.affinity as Affinity | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return required.nodeSelectorTerms.some((t) => termMatches(t, node));
}

export function nodeShouldRunDaemonPod(template: PodSpec, node: Node): { shouldRun: boolean; shouldContinueRunning: boolean } {
  if (template.nodeName && template.nodeName !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false };
  if (!nodeMatchesAffinity(template, node)) return { shouldRun: false, shouldContinueRunning: false };
  const tolerations = withDaemonTolerations(template);
  const taints = node.spec?.taints ?? [];
  if (untolerated(taints, tolerations, ['NoSchedule', 'NoExecute'])) {
    return { shouldRun: false, shouldContinueRunning: !untolerated(taints, tolerations, ['NoExecute']) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** Pins a pod to one node through required node affinity on metadata.name, replacing other required terms. */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term: NodeSelectorTerm = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const a: Affinity = { ...(affinity ?? {}) };
  a.nodeAffinity = { ...(a.nodeAffinity ?? {}), requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } };
  return a;
}

/** The node a DaemonSet pod belongs to: its nodeName, or the node its affinity pins it to. */
export function targetNodeName(spec: PodSpec | undefined): string | undefined {
  if (spec?.nodeName) return spec.nodeName;
  for (const term of spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}
