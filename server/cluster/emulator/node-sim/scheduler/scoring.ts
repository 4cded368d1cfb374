/**
 * Scoring of the nodes that passed the filters, with the default profile's weights: NodeResourcesFit
 * (least allocated, 1), NodeResourcesBalancedAllocation (1), TaintToleration (3), NodeAffinity (2) and
 * PodTopologySpread's system defaults (2). Ties go to a hash of pod and node, so the choice looks random but
 * repeats exactly.
 */
import type { StoredObject } from '../../meta/types.ts';
import { list, str, strMap } from '../json.ts';
import { podRequests } from '../pod-resources.ts';
import { hash53 } from '../random.ts';
import { preferredAffinityScore } from './node-affinity.ts';
import type { NodeInfo } from './node-info.ts';
import { nodeTaints, podTolerations, tolerates } from './tolerations.ts';

const ZONE = 'topology.kubernetes.io/zone';

function leastAllocated(pod: StoredObject, info: NodeInfo): number {
  const want = podRequests(pod, true);
  const part = (alloc: number, used: number) => (alloc <= 0 ? 0 : Math.max(0, ((alloc - used) * 100) / alloc));
  return (
    (part(info.allocatable.milliCpu, info.nonZeroRequested.milliCpu + want.milliCpu) +
      part(info.allocatable.memory, info.nonZeroRequested.memory + want.memory)) /
    2
  );
}

function balanced(pod: StoredObject, info: NodeInfo): number {
  const want = podRequests(pod);
  const frac = (alloc: number, used: number) => (alloc <= 0 ? 0 : Math.min(1, used / alloc));
  const cpu = frac(info.allocatable.milliCpu, info.requested.milliCpu + want.milliCpu);
  const mem = frac(info.allocatable.memory, info.requested.memory + want.memory);
  return (1 - Math.abs(cpu - mem) / 2) * 100;
}

const controllerOf = (pod: StoredObject) => list(pod.metadata.ownerReferences).find((o) => o.controller === true);

/** Pods of the same controller (what the default spreading constraints select) on each node and in each zone. */
function spreadCounts(pod: StoredObject, infos: NodeInfo[]) {
  const owner = controllerOf(pod);
  const host = new Map<string, number>();
  const zone = new Map<string, number>();
  if (!owner) return { host, zone, enabled: false };
  for (const info of infos) {
    const n = info.pods.filter((p) => controllerOf(p)?.uid === owner.uid).length;
    host.set(info.name, n);
    const z = strMap(info.node.metadata.labels)[ZONE] ?? '';
    zone.set(z, (zone.get(z) ?? 0) + n);
  }
  return { host, zone, enabled: true };
}

function normalizeReverse(values: Map<string, number>): Map<string, number> {
  const max = Math.max(0, ...values.values());
  return new Map([...values].map(([k, v]) => [k, max === 0 ? 100 : ((max - v) * 100) / max]));
}

function normalize(values: Map<string, number>): Map<string, number> {
  const max = Math.max(0, ...values.values());
  return new Map([...values].map(([k, v]) => [k, max === 0 ? 0 : (v * 100) / max]));
}

export function scoreNodes(pod: StoredObject, feasible: NodeInfo[], all: NodeInfo[]): Map<string, number> {
  const tolerations = podTolerations(pod);
  const taintCounts = new Map(
    feasible.map((i) => [i.name, nodeTaints(i.node).filter((t) => t.effect === 'PreferNoSchedule' && !tolerations.some((x) => tolerates(x, t))).length]),
  );
  const affinity = new Map(feasible.map((i) => [i.name, preferredAffinityScore(pod, i.node)]));
  const spread = spreadCounts(pod, all);
  const zones = new Set(all.map((i) => strMap(i.node.metadata.labels)[ZONE] ?? '')).size;
  const spreadRaw = new Map(
    feasible.map((i) => {
      const z = strMap(i.node.metadata.labels)[ZONE] ?? '';
      const raw = (spread.host.get(i.name) ?? 0) * Math.log(all.length + 2) + (spread.zone.get(z) ?? 0) * Math.log(zones + 2);
      return [i.name, raw];
    }),
  );
  const taintScore = normalizeReverse(taintCounts);
  const affinityScore = normalize(affinity);
  const spreadScore = normalizeReverse(spreadRaw);
  const scores = new Map<string, number>();
  for (const info of feasible) {
    const s =
      leastAllocated(pod, info) +
      balanced(pod, info) +
      3 * taintScore.get(info.name)! +
      2 * affinityScore.get(info.name)! +
      (spread.enabled ? 2 * spreadScore.get(info.name)! : 0);
    scores.set(info.name, Math.round(s * 1000) / 1000);
  }
  return scores;
}

/** The best-scoring node; equal scores are ordered by a hash of pod and node name. */
export function selectHost(pod: StoredObject, scores: Map<string, number>): string {
  const key = `${str(pod.metadata.namespace)}/${pod.metadata.name}`;
  let best: { name: string; score: number; tie: number } | undefined;
  for (const [name, score] of scores) {
    const tie = hash53(`${key}|${name}`);
    if (!best || score > best.score || (score === best.score && tie > best.tie)) best = { name, score, tie };
  }
  return best!.name;
}

