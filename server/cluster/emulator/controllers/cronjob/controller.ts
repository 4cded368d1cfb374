/**
 * The CronJob controller: creates a Job `<cronjob>-<scheduled minutes since epoch>` at each scheduled
 * time on the cluster clock (in `timeZone` when set), honouring startingDeadlineSeconds, suspend and
 * concurrencyPolicy; tracks active Jobs, lastScheduleTime and lastSuccessfulTime; deletes finished Jobs
 * beyond the history limits.
 */
import { formatTime, parseTime } from '../../meta/time.ts';
import type { KubeObject } from '../../meta/types.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { createEventRecorder, referenceTo, type EventRecorder } from '../events.ts';
import { errorMessage, isAlreadyExists, isNamespaceTerminating, isNotFound, TypedClient } from '../shared/api.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { clone, compact, controllerOf, controllerRef, key, objectKey, splitKey } from '../shared/objects.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';
import { finishedCondition, type Job } from '../job/types.ts';
import { CronError, parseSchedule, type Schedule } from './cron.ts';
import { mostRecentScheduleTime, nextScheduleDelay } from './schedule.ts';
import { concurrencyPolicyOf, failedLimitOf, jobNameFor, SCHEDULED_TIMESTAMP, successfulLimitOf, type CronJob } from './types.ts';
import { isKnownZone, wallFromInstant } from './zone.ts';

export class CronJobController extends ReconcileLoop {
  readonly name = 'cronjob-controller';
  private cronJobs!: TypedClient<CronJob>;
  private jobs!: TypedClient<Job>;
  private recorder!: EventRecorder;

  protected override setup(): void {
    this.cronJobs = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'cronjobs'));
    this.jobs = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'jobs'));
    this.recorder = createEventRecorder(this.ctx, { component: 'cronjob-controller' });
  }

  protected initialKeys(): string[] {
    return this.cronJobs.list().map(objectKey);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('cronjobs'))) {
      if (e.type !== 'DELETED') this.queue.add(objectKey(e.object));
    } else if (sameKey(e.key, storageOf('jobs'))) {
      const ref = controllerOf(e.object) ?? controllerOf(e.previous);
      if (ref?.kind === 'CronJob') this.queue.add(key(e.object.metadata.namespace, ref.name));
    }
  }

  protected reconcile(k: string): void {
    const { namespace, name } = splitKey(k);
    const stored = this.cronJobs.get(namespace, name);
    if (!stored) return;
    const cj = clone(stored);
    const jobs = this.jobs.list(namespace).filter((j) => controllerOf(j)?.uid === cj.metadata.uid);
    const { requeue, changed } = this.sync(cj, jobs);
    const cleaned = this.cleanupFinishedJobs(cj, jobs);
    if (changed || cleaned) {
      const latest = this.cronJobs.get(namespace, name);
      if (latest) this.cronJobs.updateStatus(latest, compact({ ...(cj.status ?? {}), active: cj.status?.active?.length ? cj.status.active : undefined }));
    }
    if (requeue !== undefined) this.requeueAfter(k, requeue);
  }

  private sync(cj: CronJob, jobs: Job[]): { requeue?: number; changed: boolean } {
    const now = this.now();
    let changed = false;
    const status = (cj.status ??= {});
    const inActive = (uid: string) => (status.active ?? []).some((r) => r.uid === uid);
    const children = new Set(jobs.map((j) => j.metadata.uid));
    for (const j of jobs) {
      const finished = finishedCondition(j);
      if (!inActive(j.metadata.uid) && !finished) {
        this.recorder.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      } else if (finished) {
        if (inActive(j.metadata.uid)) {
          status.active = (status.active ?? []).filter((r) => r.uid !== j.metadata.uid);
          this.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${finished.type}`);
          changed = true;
        }
        const completed = j.status?.completionTime;
        if (finished.type === 'Complete' && completed && (!status.lastSuccessfulTime || (parseTime(completed) ?? 0) > (parseTime(status.lastSuccessfulTime) ?? 0))) {
          status.lastSuccessfulTime = completed;
          changed = true;
        }
      }
    }
    for (const ref of [...(status.active ?? [])]) {
      if (children.has(ref.uid ?? '')) continue;
      if (this.jobs.get(ref.namespace, ref.name ?? '')) continue;
      this.recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
      status.active = (status.active ?? []).filter((r) => r.uid !== ref.uid);
      changed = true;
    }
    if (cj.metadata.deletionTimestamp) return { changed };
    const zone = cj.spec?.timeZone;
    if (zone !== undefined && !isKnownZone(zone)) {
      this.recorder.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${zone}": unknown time zone ${zone}`);
      return { changed };
    }
    if (cj.spec?.suspend) return { changed };
    const spec = cj.spec?.schedule ?? '';
    if (/TZ/.test(spec)) {
      this.recorder.event(cj, 'Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule "${spec}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
    }
    let schedule: Schedule;
    try {
      schedule = parseSchedule(spec, /TZ/.test(spec) ? undefined : zone);
    } catch (e) {
      this.recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${spec}" : ${e instanceof CronError ? e.message : errorMessage(e)}`);
      return { changed };
    }
    let scheduled: number | undefined;
    try {
      const r = mostRecentScheduleTime(cj, now, schedule, true);
      scheduled = r.mostRecent;
      if (r.missed > 100) {
        this.recorder.event(cj, 'Warning', 'TooManyMissedTimes', `too many missed start times: ${r.missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
      }
    } catch (e) {
      this.recorder.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${spec} : ${errorMessage(e)}`);
      return { changed };
    }
    const requeue = nextScheduleDelay(cj, now, schedule);
    if (scheduled === undefined || scheduled > now) return { requeue, changed };
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && scheduled + deadline * 1000 < now) {
      this.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return { requeue, changed };
    }
    const jobName = jobNameFor(cj, scheduled);
    if ((status.active ?? []).some((r) => r.name === jobName) || status.lastScheduleTime === formatTime(scheduled)) return { requeue, changed };
    const policy = concurrencyPolicyOf(cj);
    if (policy === 'Forbid' && (status.active ?? []).length > 0) {
      this.recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return { requeue, changed };
    }
    if (policy === 'Replace') {
      for (const ref of [...(status.active ?? [])]) {
        const j = this.jobs.get(ref.namespace, ref.name ?? '');
        if (j && !this.deleteJob(cj, j)) return { changed };
        status.active = (status.active ?? []).filter((r) => r.uid !== ref.uid);
        changed = true;
      }
    }
    let created: Job;
    try {
      created = this.jobs.create(cj.metadata.namespace, this.jobFromTemplate(cj, scheduled, jobName));
      this.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
    } catch (e) {
      if (isNamespaceTerminating(e)) return { changed };
      if (!isAlreadyExists(e)) {
        this.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${errorMessage(e)}`);
        throw e;
      }
      const existing = this.jobs.get(cj.metadata.namespace, jobName);
      if (!existing || controllerOf(existing)?.uid !== cj.metadata.uid || (status.active ?? []).some((r) => r.uid === existing.metadata.uid)) return { changed };
      created = existing;
    }
    const ref = referenceTo(created);
    delete ref.fieldPath;
    status.active = [...(status.active ?? []), ref];
    status.lastScheduleTime = formatTime(scheduled);
    return { requeue, changed: true };
  }

  private jobFromTemplate(cj: CronJob, scheduled: number, name: string): KubeObject {
    const tmpl = cj.spec?.jobTemplate ?? {};
    const zoned = wallFromInstant(scheduled, cj.spec?.timeZone);
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata.namespace,
        ...(tmpl.metadata?.labels ? { labels: { ...tmpl.metadata.labels } } : {}),
        annotations: { ...(tmpl.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: rfc3339InZone(scheduled, zoned) },
        ownerReferences: [controllerRef(cj)],
      },
      spec: clone(tmpl.spec ?? {}),
    };
  }

  /** Deletes the oldest finished Jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit. */
  private cleanupFinishedJobs(cj: CronJob, jobs: Job[]): boolean {
    let changed = false;
    const succeeded = jobs.filter((j) => finishedCondition(j)?.type === 'Complete');
    const failed = jobs.filter((j) => finishedCondition(j)?.type === 'Failed');
    for (const [list, limit] of [
      [succeeded, successfulLimitOf(cj)],
      [failed, failedLimitOf(cj)],
    ] as const) {
      const excess = list.length - limit;
      if (excess <= 0) continue;
      for (const j of [...list].sort(byStartTime).slice(0, excess)) {
        if (this.deleteJob(cj, j)) {
          cj.status = { ...(cj.status ?? {}), active: (cj.status?.active ?? []).filter((r) => r.uid !== j.metadata.uid) };
          changed = true;
        }
      }
    }
    return changed;
  }

  private deleteJob(cj: CronJob, j: Job): boolean {
    try {
      this.jobs.delete(j, { propagationPolicy: 'Background' });
    } catch (e) {
      if (!isNotFound(e)) {
        this.recorder.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${errorMessage(e)}`);
        return false;
      }
    }
    this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
    return true;
  }
}

function byStartTime(a: Job, b: Job): number {
  const sa = parseTime(a.status?.startTime);
  const sb = parseTime(b.status?.startTime);
  if (sa === undefined || sb === undefined) return sa === undefined ? (sb === undefined ? 0 : 1) : -1;
  return sa - sb || (a.metadata.name < b.metadata.name ? -1 : 1);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** RFC 3339 in the schedule's zone: `2026-03-02T10:00:00+01:00`, or `Z` for UTC. */
function rfc3339InZone(instant: number, wall: number): string {
  const offsetMin = Math.round((wall - instant) / 60_000);
  const base = new Date(Math.floor(wall / 1000) * 1000).toISOString().slice(0, 19);
  if (offsetMin === 0) return `${base}Z`;
  const sign = offsetMin > 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${base}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
