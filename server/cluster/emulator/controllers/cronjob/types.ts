/** CronJob shapes and the defaults the CronJob controller reads. */
import type { ObjectReference, StoredObject } from '../shared/types.ts';

export interface CronJob extends StoredObject {
  spec?: {
    schedule?: string;
    timeZone?: string;
    startingDeadlineSeconds?: number;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
    suspend?: boolean;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
  };
  status?: { active?: ObjectReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
export const concurrencyPolicyOf = (cj: CronJob) => cj.spec?.concurrencyPolicy ?? 'Allow';
export const successfulLimitOf = (cj: CronJob) => cj.spec?.successfulJobsHistoryLimit ?? 3;
export const failedLimitOf = (cj: CronJob) => cj.spec?.failedJobsHistoryLimit ?? 1;

/** Jobs are named after the scheduled time in minutes since the epoch. */
export const jobNameFor = (cj: CronJob, scheduled: number): string => `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
