/** Jobs and CronJobs: upstream `printJob` (with the STATUS column) and `printCronJob`. */
import type { StoredObject } from '../meta/types.ts';
import { age, ageColumn, col, containerColumns, nameColumn, wide } from './columns.ts';
import { humanDuration, parseTimestamp, translateTimestampSince } from './duration.ts';
import { count, get, int, optBool, optInt, optStr, records } from './fields.ts';
import { boolPtr, containerCells, formatLabelSelector } from './format.ts';
import type { PrintContext, TablePrinter } from './types.ts';

/** `hasJobCondition`: the first condition of the type decides. */
const hasCondition = (job: StoredObject, type: string): boolean => records(get(job, 'status.conditions')).find((c) => c.type === type)?.status === 'True';

function jobStatus(job: StoredObject): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(job: StoredObject): string {
  const succeeded = int(get(job, 'status.succeeded'));
  const wanted = optInt(get(job, 'spec.completions'));
  if (wanted !== undefined) return `${succeeded}/${wanted}`;
  const parallelism = optInt(get(job, 'spec.parallelism')) ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Empty before the job starts; time so far while it runs; start to completion once done. */
function jobDuration(job: StoredObject, now: number): string {
  const start = parseTimestamp(get(job, 'status.startTime'));
  if (start === undefined) return '';
  const end = parseTimestamp(get(job, 'status.completionTime'));
  return humanDuration((end ?? now) - start);
}

export const jobPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', 'batch_v1.JobStatus.succeeded'),
    col('Duration', 'string', 'Time required to complete the job.'),
    ageColumn(),
    ...containerColumns(),
    col('Selector', 'string', 'batch_v1.JobSpec.selector', wide),
  ],
  cells: (job: StoredObject, ctx: PrintContext) => [
    job.metadata.name,
    jobStatus(job),
    completions(job),
    jobDuration(job, ctx.now),
    age(job, ctx),
    ...containerCells(get(job, 'spec.template.spec.containers')),
    formatLabelSelector(get(job, 'spec.selector')),
  ],
};

export const cronJobPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Schedule', 'string', 'batch_v1beta1.CronJobSpec.schedule'),
    col('Timezone', 'string', 'batch_v1beta1.CronJobSpec.timeZone'),
    col('Suspend', 'boolean', 'batch_v1beta1.CronJobSpec.suspend'),
    col('Active', 'integer', 'batch_v1beta1.CronJobStatus.active'),
    col('Last Schedule', 'string', 'batch_v1beta1.CronJobStatus.lastScheduleTime'),
    ageColumn(),
    ...containerColumns(),
    col('Selector', 'string', 'batch_v1.JobSpec.selector', wide),
  ],
  cells(cj: StoredObject, ctx: PrintContext) {
    const last = get(cj, 'status.lastScheduleTime');
    return [
      cj.metadata.name,
      optStr(get(cj, 'spec.schedule')) ?? '',
      optStr(get(cj, 'spec.timeZone')) ?? '<none>',
      // The API server defaults suspend to false.
      boolPtr(optBool(get(cj, 'spec.suspend')) ?? false),
      count(get(cj, 'status.active')),
      last ? translateTimestampSince(last, ctx.now) : '<none>',
      age(cj, ctx),
      ...containerCells(get(cj, 'spec.jobTemplate.spec.template.spec.containers')),
      formatLabelSelector(get(cj, 'spec.jobTemplate.spec.selector')),
    ];
  },
};
