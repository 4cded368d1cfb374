/** HorizontalPodAutoscalers: upstream `printHorizontalPodAutoscaler` and `formatHPAMetrics`, for autoscaling/v2 and v1 objects. */
import type { StoredObject } from '../meta/types.ts';
import { age, ageColumn, col, nameColumn } from './columns.ts';
import { get, int, optInt, rec, records, str, type Json } from './fields.ts';
import { canonicalQuantity } from './quantity.ts';
import type { PrintContext, TablePrinter } from './types.ts';

/** `Quantity.String()` of a pointer: `<nil>` when unset. */
const qty = (v: unknown): string => (v === undefined || v === null ? '<nil>' : canonicalQuantity(v));

const cpuUtilization = (target: number): Json => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } });

/** Spec metrics and status metrics in v2 terms: v1's CPU fields converted, and the API server's default of 80% CPU. */
function metrics(hpa: StoredObject): [Json[], Json[]] {
  if (hpa.apiVersion === 'autoscaling/v1') {
    const current = optInt(get(hpa, 'status.currentCPUUtilizationPercentage'));
    const statuses = current === undefined ? [] : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }];
    return [[cpuUtilization(optInt(get(hpa, 'spec.targetCPUUtilizationPercentage')) ?? 80)], statuses];
  }
  const specs = records(get(hpa, 'spec.metrics'));
  return [specs.length ? specs : [cpuUtilization(80)], records(get(hpa, 'status.currentMetrics'))];
}

/** `current/target` of a metric with a value or average-value target (Object and External sources). */
function valueMetric(source: Json, status: Json | undefined): string {
  const target = rec(source.target);
  if (target.averageValue !== undefined && target.averageValue !== null) {
    const cur = rec(status?.current).averageValue;
    return `${status && cur !== undefined && cur !== null ? qty(cur) : '<unknown>'}/${qty(target.averageValue)} (avg)`;
  }
  return `${status ? qty(rec(status.current).value) : '<unknown>'}/${qty(target.value)}`;
}

/** `name: current/target` of a Resource or ContainerResource metric. */
function resourceMetric(source: Json, status: Json | undefined): string {
  const target = rec(source.target);
  const name = str(source.name);
  const current = rec(status?.current);
  if (target.averageValue !== undefined && target.averageValue !== null) {
    return `${name}: ${status ? qty(current.averageValue) : '<unknown>'}/${qty(target.averageValue)}`;
  }
  const cur = status && typeof current.averageUtilization === 'number' ? `${int(current.averageUtilization)}%` : '<unknown>';
  const tgt = typeof target.averageUtilization === 'number' ? `${int(target.averageUtilization)}%` : '<auto>';
  return `${name}: ${cur}/${tgt}`;
}

/** Statuses are matched to specs by position, as upstream does. */
function formatMetrics(specs: Json[], statuses: Json[]): string {
  if (!specs.length) return '<none>';
  const items = specs.map((spec, i) => {
    const st = statuses[i];
    const of = (field: string) => (st && st[field] && typeof st[field] === 'object' ? rec(st[field]) : undefined);
    switch (spec.type) {
      case 'External':
        return valueMetric(rec(spec.external), of('external'));
      case 'Object':
        return valueMetric(rec(spec.object), of('object'));
      case 'Pods':
        return `${of('pods') ? qty(rec(of('pods')!.current).averageValue) : '<unknown>'}/${qty(rec(rec(spec.pods).target).averageValue)}`;
      case 'Resource':
        return resourceMetric(rec(spec.resource), of('resource'));
      case 'ContainerResource':
        return resourceMetric(rec(spec.containerResource), of('containerResource'));
      default:
        return '<unknown type>';
    }
  });
  return items.length > 2 ? `${items.slice(0, 2).join(', ')} + ${items.length - 2} more...` : items.join(', ');
}

export const horizontalPodAutoscalerPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Reference', 'string', 'autoscaling_v2beta1.HorizontalPodAutoscalerSpec.scaleTargetRef'),
    col('Targets', 'string', 'autoscaling_v2beta1.HorizontalPodAutoscalerSpec.metrics'),
    col('MinPods', 'string', 'autoscaling_v2beta1.HorizontalPodAutoscalerSpec.minReplicas'),
    col('MaxPods', 'string', 'autoscaling_v2beta1.HorizontalPodAutoscalerSpec.maxReplicas'),
    col('Replicas', 'string', 'autoscaling_v2beta1.HorizontalPodAutoscalerStatus.currentReplicas'),
    ageColumn(),
  ],
  cells(hpa: StoredObject, ctx: PrintContext) {
    const ref = rec(get(hpa, 'spec.scaleTargetRef'));
    const [specs, statuses] = metrics(hpa);
    return [
      hpa.metadata.name,
      `${str(ref.kind)}/${str(ref.name)}`,
      formatMetrics(specs, statuses),
      // The API server defaults minReplicas to 1.
      String(optInt(get(hpa, 'spec.minReplicas')) ?? 1),
      int(get(hpa, 'spec.maxReplicas')),
      int(get(hpa, 'status.currentReplicas')),
      age(hpa, ctx),
    ];
  },
};
