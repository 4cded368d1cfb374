/**
 * autoscaling/v2 HorizontalPodAutoscaler (the storage version) ↔ autoscaling/v1. v1 keeps only a CPU
 * utilization target; everything else rides in `autoscaling.alpha.kubernetes.io/*` annotations, as
 * upstream's v1 conversion does. A v1 object without a CPU target gets the 80% default on its way in, and
 * the v2 defaults (behavior rules) apply to what is stored, as decoding from storage would.
 */
import type { KubeObject, StoredObject } from '../meta/types.ts';
import { DEFAULT_CPU_UTILIZATION, cpuUtilizationMetric, defaultBehavior } from '../strategies/autoscaling/defaults.ts';
import { clone, isNil, isObj, objects, rec, type Json } from '../strategies/shared/json.ts';
import {
  behaviorFromAnnotation,
  behaviorToAnnotation,
  specFromV1,
  specToV1,
  statusFromV1,
  statusToV1,
} from './hpa-metrics.ts';

export const METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const CURRENT_METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const ROUND_TRIP = [METRICS_ANNOTATION, CURRENT_METRICS_ANNOTATION, CONDITIONS_ANNOTATION, BEHAVIOR_ANNOTATION];

const isCpuUtilization = (m: Json) => m.type === 'Resource' && rec(m.resource).name === 'cpu' && !isNil(rec(rec(m.resource).target).averageUtilization);

function parseList(text: string | undefined): Json[] {
  if (!text) return [];
  try {
    return objects(JSON.parse(text));
  } catch {
    return [];
  }
}

function setAnnotations(meta: Json, entries: [string, string][]): void {
  const annotations = { ...rec(meta.annotations) };
  for (const key of ROUND_TRIP) delete annotations[key];
  for (const [k, v] of entries) annotations[k] = v;
  if (Object.keys(annotations).length > 0) meta.annotations = annotations;
  else delete meta.annotations;
}

/** The v2 status as Go serializes it: desiredReplicas and currentMetrics are always present. */
export function v2StatusShape(status: unknown): Json {
  const s = { ...rec(status) };
  if (s.desiredReplicas === undefined) s.desiredReplicas = 0;
  if (s.currentMetrics === undefined) s.currentMetrics = null;
  if (s.currentReplicas === 0) delete s.currentReplicas;
  return s;
}

export function hpaV1ToV2(obj: KubeObject): KubeObject {
  const src = clone(obj) as Json;
  const meta = rec(src.metadata);
  const annotations = rec(meta.annotations);
  const spec = rec(src.spec);
  const status = rec(src.status);
  const metrics = parseList(annotations[METRICS_ANNOTATION] as string | undefined).map(specFromV1);
  if (!isNil(spec.targetCPUUtilizationPercentage)) metrics.push(cpuUtilizationMetric(Number(spec.targetCPUUtilizationPercentage)));
  if (metrics.length === 0) metrics.push(cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION));
  const outSpec: Json = { scaleTargetRef: spec.scaleTargetRef ?? {}, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas ?? 0, metrics };
  if (isNil(outSpec.minReplicas)) delete outSpec.minReplicas;
  const behaviorText = annotations[BEHAVIOR_ANNOTATION];
  if (typeof behaviorText === 'string') {
    const behavior = behaviorFromAnnotation(behaviorText);
    if (behavior) outSpec.behavior = behavior;
  }
  defaultBehavior(outSpec);
  const outStatus: Json = {};
  for (const key of ['observedGeneration', 'lastScaleTime', 'currentReplicas', 'desiredReplicas']) if (status[key] !== undefined) outStatus[key] = status[key];
  const currentText = annotations[CURRENT_METRICS_ANNOTATION];
  if (typeof currentText === 'string') outStatus.currentMetrics = parseList(currentText).map(statusFromV1);
  else if (!isNil(status.currentCPUUtilizationPercentage)) {
    outStatus.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } }];
  }
  const conditionsText = annotations[CONDITIONS_ANNOTATION];
  if (typeof conditionsText === 'string') outStatus.conditions = parseList(conditionsText);
  setAnnotations(meta, []);
  return { ...src, apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta, spec: outSpec, status: v2StatusShape(outStatus) } as KubeObject;
}

export function hpaV2ToV1(obj: StoredObject): StoredObject {
  const src = clone(obj) as Json;
  const meta = rec(src.metadata);
  const spec = rec(src.spec);
  const status = rec(src.status);
  const metrics = objects(spec.metrics);
  const outSpec: Json = { scaleTargetRef: spec.scaleTargetRef ?? {}, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas ?? 0 };
  if (isNil(outSpec.minReplicas)) delete outSpec.minReplicas;
  const cpu = metrics.find((m) => m.type === 'Resource' && rec(m.resource).name === 'cpu');
  const utilization = cpu ? rec(rec(cpu.resource).target).averageUtilization : undefined;
  if (!isNil(utilization)) outSpec.targetCPUUtilizationPercentage = utilization;
  const entries: [string, string][] = [];
  const others = metrics.filter((m) => !isCpuUtilization(m)).map(specToV1);
  if (others.length > 0) entries.push([METRICS_ANNOTATION, JSON.stringify(others)]);
  const current = objects(status.currentMetrics);
  if (current.length > 0) entries.push([CURRENT_METRICS_ANNOTATION, JSON.stringify(current.map(statusToV1))]);
  const conditions = objects(status.conditions);
  if (conditions.length > 0) entries.push([CONDITIONS_ANNOTATION, JSON.stringify(conditions)]);
  if (isObj(spec.behavior)) entries.push([BEHAVIOR_ANNOTATION, behaviorToAnnotation(spec.behavior)]);
  setAnnotations(meta, entries);
  const outStatus: Json = {};
  for (const key of ['observedGeneration', 'lastScaleTime']) if (status[key] !== undefined) outStatus[key] = status[key];
  outStatus.currentReplicas = status.currentReplicas ?? 0;
  outStatus.desiredReplicas = status.desiredReplicas ?? 0;
  const cpuStatus = current.find((m) => m.type === 'Resource' && rec(m.resource).name === 'cpu' && !isNil(rec(rec(m.resource).current).averageUtilization));
  if (cpuStatus) outStatus.currentCPUUtilizationPercentage = rec(rec(cpuStatus.resource).current).averageUtilization;
  return { ...src, apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: meta, spec: outSpec, status: outStatus } as unknown as StoredObject;
}

/** A v2 object written directly: round-trip annotations a client copied from v1 are dropped. */
export function hpaV2ToStorage(obj: KubeObject): KubeObject {
  const out = clone(obj) as Json;
  const meta = rec(out.metadata);
  if (ROUND_TRIP.some((k) => k in rec(meta.annotations))) setAnnotations(meta, []);
  out.metadata = meta;
  out.status = v2StatusShape(out.status);
  return out as KubeObject;
}
