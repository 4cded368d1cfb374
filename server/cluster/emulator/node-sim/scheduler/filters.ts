/**
 * The default profile's Filter plugins, in upstream's order: NodeUnschedulable, TaintToleration, NodeAffinity,
 * NodePorts, NodeResourcesFit, then the volume filters. A node's status is that of the first plugin that rejects it.
 */
import type { StoredObject } from '../../meta/types.ts';
import { rec } from '../json.ts';
import { podRequests } from '../pod-resources.ts';
import { matchesNodeSelectorAndAffinity } from './node-affinity.ts';
import { hostPorts, type NodeInfo } from './node-info.ts';
import { firstUntolerated, formatTaint, nodeTaints, podTolerations, tolerates } from './tolerations.ts';

/** `Unschedulable` may be fixed by preemption; `UnschedulableAndUnresolvable` may not. */
export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface NodeStatus {
  code: Code;
  reasons: string[];
  plugin: string;
}

export const REASON = {
  unschedulable: 'node(s) were unschedulable',
  affinity: "node(s) didn't match Pod's node affinity/selector",
  ports: "node(s) didn't have free ports for the requested pod ports",
  tooManyPods: 'Too many pods',
  volumeAffinity: 'node(s) had volume node affinity conflict',
} as const;

const unresolvable = (plugin: string, reason: string): NodeStatus => ({ code: 'UnschedulableAndUnresolvable', reasons: [reason], plugin });

/** Extra per-node checks the caller supplies (volume topology), returning a reason when the node is out. */
export type ExtraFilter = (info: NodeInfo) => NodeStatus | undefined;

export function runFilters(pod: StoredObject, info: NodeInfo, extra?: ExtraFilter): NodeStatus | undefined {
  const node = info.node;
  const tolerations = podTolerations(pod);

  if (rec(node.spec).unschedulable === true) {
    const cordon = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
    if (!tolerations.some((t) => tolerates(t, cordon))) return unresolvable('NodeUnschedulable', REASON.unschedulable);
  }

  const taint = firstUntolerated(nodeTaints(node), tolerations, ['NoSchedule', 'NoExecute']);
  if (taint) return unresolvable('TaintToleration', `node(s) had untolerated taint ${formatTaint(taint)}`);

  if (!matchesNodeSelectorAndAffinity(pod, node)) return unresolvable('NodeAffinity', REASON.affinity);

  if (hostPorts(pod).some((p) => portTaken(info.usedPorts, p))) return { code: 'Unschedulable', reasons: [REASON.ports], plugin: 'NodePorts' };

  const fit = resourcesFit(pod, info);
  if (fit) return fit;

  return extra?.(info);
}

/** A host port conflicts with the same protocol and port on the same IP, or on 0.0.0.0 either side. */
function portTaken(used: Set<string>, wanted: string): boolean {
  const [protocol, ip, port] = wanted.split('/');
  for (const u of used) {
    const [p2, ip2, port2] = u.split('/');
    if (p2 === protocol && port2 === port && (ip === ip2 || ip === '0.0.0.0' || ip2 === '0.0.0.0')) return true;
  }
  return false;
}

/** NodeResourcesFit: pod count first, then cpu, memory, ephemeral storage and extended resources, every shortfall reported. */
export function resourcesFit(pod: StoredObject, info: NodeInfo): NodeStatus | undefined {
  const reasons: string[] = [];
  if (info.pods.length + 1 > info.allocatable.pods) reasons.push(REASON.tooManyPods);
  const req = podRequests(pod);
  const free = (alloc: number, used: number) => alloc - used;
  if (req.milliCpu > 0 && req.milliCpu > free(info.allocatable.milliCpu, info.requested.milliCpu)) reasons.push('Insufficient cpu');
  if (req.memory > 0 && req.memory > free(info.allocatable.memory, info.requested.memory)) reasons.push('Insufficient memory');
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > free(info.allocatable.ephemeralStorage, info.requested.ephemeralStorage)) {
    reasons.push('Insufficient ephemeral-storage');
  }
  for (const [name, want] of Object.entries(req.scalar)) {
    if (want > 0 && want > free(info.allocatable.scalar[name] ?? 0, info.requested.scalar[name] ?? 0)) reasons.push(`Insufficient ${name}`);
  }
  return reasons.length ? { code: 'Unschedulable', reasons, plugin: 'NodeResourcesFit' } : undefined;
}
