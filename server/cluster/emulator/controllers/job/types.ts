/** Job shapes and the defaults the Job controller reads. */
import { formatTime } from '../../meta/time.ts';
import type { Condition, LabelSelectorObject, PodTemplateSpec, StoredObject } from '../shared/types.ts';

export interface JobStatus {
  conditions?: Condition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  ready?: number;
  completedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}

export interface Job extends StoredObject {
  spec?: {
    parallelism?: number;
    completions?: number | null;
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    ttlSecondsAfterFinished?: number;
    completionMode?: string;
    suspend?: boolean;
    selector?: LabelSelectorObject;
    manualSelector?: boolean;
    managedBy?: string;
    template?: PodTemplateSpec;
  };
  status?: JobStatus;
}

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
const JOB_CONTROLLER = 'kubernetes.io/job-controller';

/** Completions and parallelism both default to 1 when neither is set; parallelism alone leaves completions unset. */
export function completionsOf(job: Job): number | undefined {
  const c = job.spec?.completions;
  if (c === null) return undefined;
  if (c === undefined) return job.spec?.parallelism === undefined ? 1 : undefined;
  return c;
}

export const parallelismOf = (job: Job): number => job.spec?.parallelism ?? 1;
export const backoffLimitOf = (job: Job): number => job.spec?.backoffLimit ?? 6;
export const isSuspended = (job: Job): boolean => job.spec?.suspend === true;
export const isIndexed = (job: Job): boolean => job.spec?.completionMode === 'Indexed';
export const managedElsewhere = (job: Job): boolean => !!job.spec?.managedBy && job.spec.managedBy !== JOB_CONTROLLER;

/** The labels the API server puts on a Job's pod template; added here too when the template lacks them. */
export function jobPodLabels(job: Job): Record<string, string> {
  return {
    [CONTROLLER_UID_LABEL]: job.metadata.uid,
    [JOB_NAME_LABEL]: job.metadata.name,
    'controller-uid': job.metadata.uid,
    'job-name': job.metadata.name,
  };
}

/** The Job's selector, or the one the API server generates from the uid. */
export function jobSelector(job: Job): LabelSelectorObject {
  return job.spec?.selector ?? { matchLabels: { [CONTROLLER_UID_LABEL]: job.metadata.uid } };
}

export function finishedCondition(job: Job): Condition | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

export function newJobCondition(type: string, status: Condition['status'], reason: string, message: string, now: number): Condition {
  const t = formatTime(now);
  return { type, status, lastProbeTime: t, lastTransitionTime: t, reason, message };
}

/** Sets a condition to a status, adding it unless it would be a new False one. Returns true on change. */
export function ensureCondition(status: JobStatus, c: Condition): boolean {
  const list = status.conditions ?? [];
  const i = list.findIndex((x) => x.type === c.type);
  if (i >= 0) {
    const old = list[i]!;
    if (old.status === c.status && old.reason === c.reason && old.message === c.message) return false;
    list[i] = c;
    status.conditions = list;
    return true;
  }
  if (c.status === 'False') return false;
  status.conditions = [...list, c];
  return true;
}
