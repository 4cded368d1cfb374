/**
 * The HorizontalPodAutoscaler controller, every 15 seconds per HPA: reads the target's scale, keeps its
 * replicas within minReplicas..maxReplicas, and tries the metrics. With no metrics API (EKS has no
 * metrics-server by default) every metric fails, and the HPA reports it as a real cluster does:
 * AbleToScale=True SucceededGetScale, ScalingActive=False FailedGetResourceMetric, events
 * FailedGetResourceMetric and FailedComputeMetricsReplicas, currentMetrics entries of type "".
 */
import { formatTime } from '../../meta/time.ts';
import type { KubeObject, StoredObject } from '../../meta/types.ts';
import type { ResourceDef } from '../../registry/types.ts';
import { gvString } from '../../registry/types.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { createEventRecorder, type EventRecorder } from '../events.ts';
import { errorMessage } from '../shared/api.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { clone, objectKey, splitKey } from '../shared/objects.ts';
import { defForKind, sameKey, storageOf } from '../shared/resources.ts';
import type { Condition } from '../shared/types.ts';
import { metricFailure, type MetricSpec } from './metrics.ts';

export const HPA_SYNC_PERIOD_MS = 15_000;

interface Hpa extends StoredObject {
  spec?: {
    scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: MetricSpec[];
    targetCPUUtilizationPercentage?: number;
  };
  status?: {
    conditions?: Condition[];
    currentMetrics?: unknown[] | null;
    currentReplicas?: number;
    desiredReplicas?: number;
    lastScaleTime?: string;
    currentCPUUtilizationPercentage?: number;
  };
}

export class HorizontalPodAutoscalerController extends ReconcileLoop {
  readonly name = 'horizontal-pod-autoscaler';
  private recorder!: EventRecorder;

  constructor(private readonly syncPeriodMs = HPA_SYNC_PERIOD_MS) {
    super();
  }

  protected override setup(): void {
    this.recorder = createEventRecorder(this.ctx, { component: 'horizontal-pod-autoscaler' });
  }

  protected initialKeys(): string[] {
    return this.ctx.store.list(storageOf('hpaV2')).map(objectKey);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('hpaV2')) && e.type !== 'DELETED') {
      // Status writes of our own do not need another pass before the next period.
      if (e.type === 'MODIFIED' && JSON.stringify(e.object.spec) === JSON.stringify(e.previous?.spec)) return;
      this.queue.add(objectKey(e.object));
    }
  }

  protected reconcile(k: string): void {
    const { namespace, name } = splitKey(k);
    const stored = this.ctx.store.get(storageOf('hpaV2'), namespace, name) as Hpa | undefined;
    if (!stored) return;
    this.requeueAfter(k, this.syncPeriodMs);
    const hpa = clone(stored);
    const status = (hpa.status = { ...(hpa.status ?? {}) });
    const conditions = (status.conditions = [...(status.conditions ?? [])]);
    const now = this.now();
    const ref = hpa.spec?.scaleTargetRef ?? {};
    let scale: KubeObject & { spec?: { replicas?: number }; status?: { replicas?: number; selector?: string } };
    let targetDef: ResourceDef | undefined;
    try {
      targetDef = defForKind(this.ctx.registry, ref.apiVersion ?? '', ref.kind ?? '');
      if (!targetDef || !targetDef.subresources?.some((s) => s.name === 'scale')) {
        const group = (ref.apiVersion ?? '').includes('/') ? ref.apiVersion!.split('/')[0] : '';
        throw new Error(`no matches for kind "${ref.kind}" in group "${group}"`);
      }
      scale = this.ctx.api.getScale(targetDef, namespace, ref.name ?? '') as typeof scale;
    } catch (e) {
      this.recorder.event(hpa, 'Warning', 'FailedGetScale', errorMessage(e));
      setCondition(conditions, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${errorMessage(e)}`, now);
      this.write(stored, status);
      return;
    }
    setCondition(conditions, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", now);
    const current = scale.spec?.replicas ?? 0;
    const min = hpa.spec?.minReplicas ?? 1;
    const max = hpa.spec?.maxReplicas ?? current;
    let desired = 0;
    let reason = '';
    let rescale = true;
    let metricStatuses: unknown[] | undefined;
    if (current === 0 && min !== 0) {
      rescale = false;
      setCondition(conditions, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now);
    } else if (current > max) {
      reason = 'Current number of replicas above Spec.MaxReplicas';
      desired = max;
    } else if (current < min) {
      reason = 'Current number of replicas below Spec.MinReplicas';
      desired = min;
    } else {
      // No metrics API: every metric fails.
      const specs = metricsOf(hpa);
      metricStatuses = specs.map(() => ({ type: '' }));
      const failures = specs.map(metricFailure);
      for (const f of failures) this.recorder.event(hpa, 'Warning', f.reason, f.eventMessage);
      const first = failures[0];
      if (first) setCondition(conditions, 'ScalingActive', 'False', first.reason, `the HPA was unable to compute the replica count: ${first.eventMessage}`, now);
      status.currentReplicas = current;
      status.currentMetrics = metricStatuses;
      this.write(stored, status);
      const message = first ? `invalid metrics (${failures.length} invalid out of ${specs.length}), first error is: ${first.error}` : 'invalid metrics';
      this.recorder.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', message);
      return;
    }
    if (rescale && targetDef) {
      try {
        this.ctx.api.updateScale(targetDef, namespace, ref.name ?? '', { ...scale, spec: { replicas: desired } } as KubeObject);
        setCondition(conditions, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`, now);
        this.recorder.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
        status.lastScaleTime = formatTime(now);
      } catch (e) {
        this.recorder.event(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${errorMessage(e)}`);
        setCondition(conditions, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${errorMessage(e)}`, now);
        status.currentReplicas = current;
        this.write(stored, status);
        return;
      }
    } else desired = current;
    status.currentReplicas = current;
    status.desiredReplicas = desired;
    status.currentMetrics = metricStatuses ?? null;
    this.write(stored, status);
  }

  /** Writes status in the stored object's version (autoscaling/v1 objects carry no conditions in status). */
  private write(stored: Hpa, status: NonNullable<Hpa['status']>): void {
    const def = this.defFor(stored);
    if (!def) return;
    const latest = this.ctx.store.get(def.storage, stored.metadata.namespace, stored.metadata.name) as Hpa | undefined;
    if (!latest) return;
    const body: NonNullable<Hpa['status']> =
      latest.apiVersion === 'autoscaling/v1'
        ? {
            ...(status.currentReplicas ? { currentReplicas: status.currentReplicas } : {}),
            desiredReplicas: status.desiredReplicas ?? 0,
            ...(status.lastScaleTime ? { lastScaleTime: status.lastScaleTime } : {}),
          }
        : {
            ...(status.conditions?.length ? { conditions: status.conditions } : {}),
            currentMetrics: status.currentMetrics ?? null,
            ...(status.currentReplicas ? { currentReplicas: status.currentReplicas } : {}),
            desiredReplicas: status.desiredReplicas ?? 0,
            ...(status.lastScaleTime ? { lastScaleTime: status.lastScaleTime } : {}),
          };
    if (JSON.stringify(body) === JSON.stringify(latest.status ?? {})) return;
    this.ctx.api.update(def, latest.metadata.namespace, latest.metadata.name, { ...clone(latest), status: body }, { subresource: 'status' });
  }

  private defFor(o: StoredObject): ResourceDef | undefined {
    return this.ctx.registry.all().find((d) => d.group === 'autoscaling' && d.resource === 'horizontalpodautoscalers' && gvString(d) === o.apiVersion);
  }
}

/** The HPA's metrics: v2 `metrics` (CPU at 80% when empty), or v1 `targetCPUUtilizationPercentage`. */
function metricsOf(hpa: Hpa): MetricSpec[] {
  if (hpa.spec?.metrics?.length) return hpa.spec.metrics;
  const target = hpa.spec?.targetCPUUtilizationPercentage ?? 80;
  return [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
}

/** Upstream's setCondition: the transition time moves only when the status changes; a new type goes last. */
function setCondition(list: Condition[], type: string, status: Condition['status'], reason: string, message: string, now: number): void {
  const i = list.findIndex((x) => x.type === type);
  const old = i >= 0 ? list[i] : undefined;
  const lastTransitionTime = !old || old.status !== status ? formatTime(now) : old.lastTransitionTime;
  const c: Condition = { type, status, ...(lastTransitionTime ? { lastTransitionTime } : {}), reason, message };
  if (i >= 0) list[i] = c;
  else list.push(c);
}
