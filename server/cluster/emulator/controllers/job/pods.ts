/** Pods of a Job: built from its template with the Job's labels, the tracking finalizer and, for Indexed Jobs, the completion index. */
import type { KubeObject } from '../../meta/types.ts';
import { isPodTerminal } from '../shared/objects.ts';
import { podFromTemplate } from '../shared/pod-control.ts';
import type { Container, Pod } from '../shared/types.ts';
import { COMPLETION_INDEX, isIndexed, JOB_TRACKING_FINALIZER, jobPodLabels, type Job } from './types.ts';

export function jobPod(job: Job, index: number | undefined): KubeObject {
  const pod = podFromTemplate(job.spec?.template, job, index === undefined ? {} : { generateName: `${job.metadata.name}-${index}-` });
  const meta = pod.metadata;
  meta.labels = { ...jobPodLabels(job), ...(meta.labels ?? {}) };
  meta.finalizers = [...(meta.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER), JOB_TRACKING_FINALIZER];
  if (index !== undefined) {
    meta.annotations = { ...(meta.annotations ?? {}), [COMPLETION_INDEX]: String(index) };
    meta.labels[COMPLETION_INDEX] = String(index);
    const spec = pod.spec as { hostname?: string; containers?: Container[]; initContainers?: Container[] };
    spec.hostname = `${job.metadata.name}-${index}`;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) addIndexEnv(c);
  }
  return pod;
}

function addIndexEnv(c: Container): void {
  const env = (c.env ?? []) as { name: string }[];
  if (env.some((e) => e.name === 'JOB_COMPLETION_INDEX')) return;
  c.env = [...env, { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX}']` } } }];
}

export const hasTrackingFinalizer = (p: Pod): boolean => (p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);

/** Failed, or deleted before it could succeed (an orphan or evicted pod never reaches Failed). */
export function isPodFailed(p: Pod, job: Job): boolean {
  if (p.status?.phase === 'Failed') return true;
  if ((job.spec as { podFailurePolicy?: unknown } | undefined)?.podFailurePolicy) return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

export function countTerminating(pods: Pod[]): number {
  return pods.filter((p) => !!p.metadata.deletionTimestamp && !isPodTerminal(p)).length;
}

/** Sum of container restarts of running and pending pods (restartPolicy OnFailure). */
export function pastBackoffLimitOnFailure(job: Job, pods: Pod[], backoffLimit: number): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const c of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += c.restartCount ?? 0;
  }
  return backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit;
}

export { isIndexed };
