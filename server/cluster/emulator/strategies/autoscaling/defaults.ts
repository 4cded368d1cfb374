/**
 * autoscaling/v2 defaults (SetDefaults_HorizontalPodAutoscaler): minReplicas 1, a CPU 80% utilization
 * metric when none is given, and a behavior that is present filled with the default scaling rules.
 */
import type { DecodeFailure } from '../shared/decode.ts';
import { clone, defaultPtr, isNil, isObj, objects, rec, type Json } from '../shared/json.ts';

export const DEFAULT_CPU_UTILIZATION = 80;

const scaleUpDefaults = (): Json => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});

const scaleDownDefaults = (): Json => ({
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
});

/** Copies the set fields of `from` over the defaults (GenerateHPAScale{Up,Down}Rules). */
function rules(from: unknown, defaults: Json): Json {
  const out = defaults;
  const f = rec(from);
  for (const key of ['selectPolicy', 'stabilizationWindowSeconds', 'policies']) if (!isNil(f[key])) out[key] = clone(f[key]);
  return out;
}

export function defaultBehavior(spec: Json): void {
  if (!isObj(spec.behavior)) return;
  spec.behavior.scaleUp = rules(spec.behavior.scaleUp, scaleUpDefaults());
  spec.behavior.scaleDown = rules(spec.behavior.scaleDown, scaleDownDefaults());
}

export function cpuUtilizationMetric(percent: number): Json {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } } };
}

/** Quantities inside metric targets and statuses, in canonical form. */
export function canonicalMetricQuantities(spec: Json, decode: DecodeFailure): void {
  for (const m of objects(spec.metrics)) {
    for (const source of ['resource', 'containerResource', 'pods', 'object', 'external']) {
      const target = rec(rec(m[source]).target);
      decode.quantityField(target, 'value');
      decode.quantityField(target, 'averageValue');
    }
  }
}

export function defaultHpaV2(spec: Json, decode: DecodeFailure): void {
  defaultPtr(spec, 'minReplicas', 1);
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) spec.metrics = [cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION)];
  defaultBehavior(spec);
  canonicalMetricQuantities(spec, decode);
}
