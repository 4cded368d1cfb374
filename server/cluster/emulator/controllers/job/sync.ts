/**
 * One sync of one Job (upstream's syncJob with trackJobStatusAndRemoveFinalizers): count pods, decide
 * whether the Job is finished, create or delete pods, then account finished pods through
 * uncountedTerminatedPods and the tracking finalizer.
 */
import { fromLabelSelector } from '../../meta/selectors.ts';
import { parseTime } from '../../meta/time.ts';
import type { EventRecorder } from '../events.ts';
import type { TypedClient } from '../shared/api.ts';
import { claim } from '../shared/claim.ts';
import { clone, isPodActive, isPodReady } from '../shared/objects.ts';
import { createPod, deletePod, type PodControl } from '../shared/pod-control.ts';
import { sortForDeletion } from '../shared/pod-ranking.ts';
import type { Condition, Pod } from '../shared/types.ts';
import { observe, remainingBackoff, type BackoffRecord } from './backoff.ts';
import { completionIndex, formatIndexes, parseIndexes } from './indexes.ts';
import { countTerminating, hasTrackingFinalizer, isPodFailed, jobPod, pastBackoffLimitOnFailure } from './pods.ts';
import {
  backoffLimitOf,
  completionsOf,
  ensureCondition,
  isIndexed,
  isSuspended,
  JOB_TRACKING_FINALIZER,
  jobSelector,
  newJobCondition,
  parallelismOf,
  type Job,
  type JobStatus,
} from './types.ts';

const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

export interface JobEnv {
  jobs: TypedClient<Job>;
  pods: TypedClient<Pod>;
  recorder: EventRecorder;
  now(): number;
  backoffFor(job: Job): BackoffRecord;
  requeue(job: Job, ms: number): void;
}

export class JobSync {
  private readonly job: Job;
  private readonly status: JobStatus;
  private readonly now: number;
  private readonly pc: PodControl;

  constructor(
    private readonly env: JobEnv,
    job: Job,
  ) {
    this.job = job;
    this.status = clone(job.status ?? {});
    this.status.uncountedTerminatedPods = { ...(this.status.uncountedTerminatedPods ?? {}) };
    this.now = env.now();
    this.pc = { pods: env.pods, recorder: env.recorder };
  }

  run(): void {
    const { job, status, now } = this;
    const selector = fromLabelSelector(jobSelector(job)) ?? [];
    const pods = claim(this.env.pods, job, selector, this.env.pods.list(job.metadata.namespace), { finalizers: [JOB_TRACKING_FINALIZER] });
    const activePods = pods.filter(isPodActive);
    let active = activePods.length;
    let ready = activePods.filter(isPodReady).length;
    let terminating = countTerminating(pods);
    const uncounted = { succeeded: new Set(status.uncountedTerminatedPods!.succeeded ?? []), failed: new Set(status.uncountedTerminatedPods!.failed ?? []) };
    const tracked = pods.filter(hasTrackingFinalizer);
    const newSucceeded = tracked.filter((p) => !uncounted.succeeded.has(p.metadata.uid) && p.status?.phase === 'Succeeded');
    const newFailed = tracked.filter((p) => !uncounted.failed.has(p.metadata.uid) && isPodFailed(p, job));
    let succeeded = (status.succeeded ?? 0) + newSucceeded.length + uncounted.succeeded.size;
    const failed = (status.failed ?? 0) + newFailed.length + uncounted.failed.size;
    if (!status.startTime && !isSuspended(job)) status.startTime = formatNow(now);
    const backoff = this.env.backoffFor(job);
    observe(backoff, newSucceeded, newFailed, now);

    let finished: Condition | undefined = status.conditions?.find((x) => x.type === 'SuccessCriteriaMet' && x.status === 'True');
    if (!finished) {
      const target = status.conditions?.find((x) => x.type === 'FailureTarget' && x.status === 'True');
      if (target) finished = newJobCondition('Failed', 'True', target.reason ?? '', target.message ?? '', now);
    }
    if (!finished) {
      if (failed > backoffLimitOf(job) || pastBackoffLimitOnFailure(job, pods, backoffLimitOf(job))) {
        finished = newJobCondition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
      } else if (this.pastActiveDeadline()) {
        finished = newJobCondition('FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', now);
      } else if (job.spec?.activeDeadlineSeconds !== undefined && !isSuspended(job) && status.startTime) {
        const end = (parseTime(status.startTime) ?? now) + job.spec.activeDeadlineSeconds * 1000;
        this.env.requeue(job, Math.max(0, end - now));
      }
    }

    const completions = completionsOf(job);
    let prevIndexes = new Set<number>();
    let indexes = new Set<number>();
    if (isIndexed(job) && completions !== undefined) {
      prevIndexes = parseIndexes(status.completedIndexes, completions);
      indexes = new Set(prevIndexes);
      for (const p of pods) {
        const ix = completionIndex(p.metadata.annotations);
        if (p.status?.phase === 'Succeeded' && ix !== undefined && ix < completions) indexes.add(ix);
      }
      succeeded = indexes.size;
    }

    let suspendChanged = false;
    if (finished) {
      for (const p of activePods) {
        if (deletePod(this.pc, job, p)) {
          active--;
          terminating++;
          if (isPodReady(p)) ready--;
        }
      }
    } else {
      if (!job.metadata.deletionTimestamp) active = this.manageJob(activePods, succeeded, indexes, backoff, terminating, (n) => (terminating += n), (n) => (ready -= n));
      const complete = completions === undefined ? succeeded > 0 && active === 0 : succeeded >= completions && active === 0;
      if (complete) {
        finished = newJobCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now);
      } else if (!job.metadata.deletionTimestamp) {
        if (isSuspended(job)) {
          if (ensureCondition(status, newJobCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', now))) {
            suspendChanged = true;
            this.env.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
          }
        } else if (ensureCondition(status, newJobCondition('Suspended', 'False', 'JobResumed', 'Job resumed', now))) {
          suspendChanged = true;
          this.env.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
          status.startTime = formatNow(now);
        }
      }
    }

    const needsFlush = suspendChanged || active !== (job.status?.active ?? 0) || ready !== job.status?.ready || terminating !== job.status?.terminating;
    status.active = active;
    status.ready = ready;
    status.terminating = terminating;
    this.track(pods, finished, uncounted, prevIndexes, indexes, needsFlush);
  }

  /** Creates or deletes pods to reach the wanted number of active pods; returns the active count. */
  private manageJob(
    activePods: Pod[],
    succeeded: number,
    indexes: Set<number>,
    backoff: BackoffRecord,
    terminating: number,
    addTerminating: (n: number) => void,
    dropReady: (n: number) => void,
  ): number {
    const { job, now } = this;
    let active = activePods.length;
    if (isSuspended(job)) {
      for (const p of sortForDeletion(activePods, now)) if (this.removePod(p)) {
        active--;
        addTerminating(1);
        if (isPodReady(p)) dropReady(1);
      }
      return active;
    }
    const completions = completionsOf(job);
    const parallelism = parallelismOf(job);
    let want: number;
    if (completions === undefined) want = succeeded > 0 ? active : parallelism;
    else want = Math.max(0, Math.min(completions - succeeded, parallelism));
    let toDelete = sortForDeletion(activePods, now).slice(0, Math.max(0, active - want));
    if (isIndexed(job)) toDelete = [...new Set([...duplicateIndexPods(activePods, completions ?? 0), ...toDelete])];
    if (toDelete.length > 0) {
      for (const p of toDelete.slice(0, MAX_POD_CREATE_DELETE_PER_SYNC)) {
        if (this.removePod(p)) {
          active--;
          addTerminating(1);
          if (isPodReady(p)) dropReady(1);
        }
      }
      return active;
    }
    // With podReplacementPolicy Failed, terminating pods are not replaced until they are gone.
    const spec = (job.spec ?? {}) as { podReplacementPolicy?: string; podFailurePolicy?: unknown };
    const onlyFailed = spec.podReplacementPolicy === 'Failed' || !!spec.podFailurePolicy;
    const missing = Math.min(want - (onlyFailed ? terminating : 0) - active, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (missing <= 0) return active;
    const wait = remainingBackoff(backoff, now);
    if (wait > 0) {
      this.env.requeue(job, wait);
      return active;
    }
    const toAdd = isIndexed(job) ? pendingIndexes(activePods, indexes, completions ?? 0, missing) : Array.from({ length: missing }, () => undefined);
    // Slow start: batches of 1, 2, 4…, stopping after a batch with a failure.
    let remaining = [...toAdd];
    for (let batch = Math.min(1, remaining.length); remaining.length > 0; batch = Math.min(batch * 2, remaining.length)) {
      let failure = false;
      for (const ix of remaining.slice(0, batch)) {
        const { pod } = createPod(this.pc, job, jobPod(job, ix));
        if (pod) active++;
        else failure = true;
      }
      remaining = remaining.slice(batch);
      if (failure) break;
    }
    return active;
  }

  /** Deletes a pod and drops its tracking finalizer so it is counted and can go. */
  private removePod(p: Pod): boolean {
    try {
      this.env.pods.update(p, (o) => {
        o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
        if (o.metadata.finalizers.length === 0) delete o.metadata.finalizers;
      });
    } catch {
      // already gone
    }
    return deletePod(this.pc, this.job, p);
  }

  private pastActiveDeadline(): boolean {
    const { job, status, now } = this;
    if (job.spec?.activeDeadlineSeconds === undefined || !status.startTime || isSuspended(job)) return false;
    return now - (parseTime(status.startTime) ?? now) >= job.spec.activeDeadlineSeconds * 1000;
  }

  /**
   * Counts finished pods through uncountedTerminatedPods, removes their tracking finalizers, then moves
   * them to the counters and, when the Job is done and no pod is left terminating, sets Complete or Failed.
   */
  private track(pods: Pod[], finished: Condition | undefined, uncounted: { succeeded: Set<string>; failed: Set<string> }, prevIndexes: Set<number>, indexes: Set<number>, flush: boolean): void {
    const { job, status, now } = this;
    let needsFlush = flush;
    const unc = status.uncountedTerminatedPods!;
    const toRelease: Pod[] = [];
    const completions = completionsOf(job);
    for (const p of pods) {
      if (!hasTrackingFinalizer(p)) continue;
      const failedPod = isPodFailed(p, job);
      if (!(job.metadata.deletionTimestamp || finished || p.status?.phase === 'Succeeded' || failedPod)) continue;
      toRelease.push(p);
      const uid = p.metadata.uid;
      if (p.status?.phase === 'Succeeded' && !uncounted.failed.has(uid)) {
        if (isIndexed(job)) {
          const ix = completionIndex(p.metadata.annotations);
          if (ix !== undefined && ix < (completions ?? 0) && !prevIndexes.has(ix)) needsFlush = true;
        } else if (!uncounted.succeeded.has(uid)) {
          unc.succeeded = [...(unc.succeeded ?? []), uid];
          needsFlush = true;
        }
      } else if (failedPod || (finished && finished.type !== 'SuccessCriteriaMet')) {
        if (!uncounted.failed.has(uid)) {
          unc.failed = [...(unc.failed ?? []), uid];
          needsFlush = true;
        }
      }
    }
    if (isIndexed(job)) {
      const text = formatIndexes(indexes);
      if (text !== (status.completedIndexes ?? '')) needsFlush = true;
      status.succeeded = indexes.size;
      if (text) status.completedIndexes = text;
      else delete status.completedIndexes;
    }
    let final = finished;
    if (final?.type === 'FailureTarget') {
      status.conditions = [...(status.conditions ?? []), final];
      needsFlush = true;
      final = newJobCondition('Failed', 'True', final.reason ?? '', final.message ?? '', now);
    }
    if (final?.type === 'SuccessCriteriaMet') {
      if (!status.conditions?.some((x) => x.type === 'SuccessCriteriaMet')) {
        status.conditions = [...(status.conditions ?? []), final];
        needsFlush = true;
      }
      final = newJobCondition('Complete', 'True', final.reason ?? '', final.message ?? '', now);
    }
    if (needsFlush) this.write();
    for (const p of toRelease) this.releaseFinalizer(p);
    // Pods without the finalizer any more are counted.
    const stillTracked = new Set(this.env.pods.list(job.metadata.namespace).filter(hasTrackingFinalizer).map((p) => p.metadata.uid));
    const keepS = (unc.succeeded ?? []).filter((u) => stillTracked.has(u));
    const keepF = (unc.failed ?? []).filter((u) => stillTracked.has(u));
    let changed = false;
    if (keepS.length !== (unc.succeeded ?? []).length) {
      if (!isIndexed(job)) status.succeeded = (status.succeeded ?? 0) + (unc.succeeded ?? []).length - keepS.length;
      changed = true;
    }
    if (keepF.length !== (unc.failed ?? []).length) {
      status.failed = (status.failed ?? 0) + (unc.failed ?? []).length - keepF.length;
      changed = true;
    }
    status.uncountedTerminatedPods = compactUncounted(keepS, keepF);
    let jobFinished = false;
    if (final && keepS.length + keepF.length === 0 && (status.terminating ?? 0) === 0) {
      ensureCondition(status, newJobCondition(final.type, final.status, final.reason ?? '', final.message ?? '', now));
      if (final.type === 'Complete') status.completionTime = formatNow(now);
      jobFinished = true;
    }
    if (changed || jobFinished || needsFlush) this.write();
    if (jobFinished) this.recordFinished(final!);
  }

  private releaseFinalizer(p: Pod): void {
    try {
      this.env.pods.update(p, (o) => {
        const rest = (o.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
        if (rest.length > 0) o.metadata.finalizers = rest;
        else delete o.metadata.finalizers;
      });
    } catch {
      // a pod already gone needs no release
    }
  }

  private write(): void {
    const latest = this.env.jobs.get(this.job.metadata.namespace, this.job.metadata.name);
    if (!latest || latest.metadata.uid !== this.job.metadata.uid) return;
    this.env.jobs.updateStatus(latest, statusForWrite(this.status));
  }

  private recordFinished(c: Condition): void {
    const job = this.env.jobs.get(this.job.metadata.namespace, this.job.metadata.name) ?? this.job;
    if (c.type === 'Complete') {
      const completions = completionsOf(job);
      if (completions !== undefined && (this.status.succeeded ?? 0) > completions) {
        this.env.recorder.event(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
      }
      this.env.recorder.event(job, 'Normal', 'Completed', 'Job completed');
    } else {
      this.env.recorder.event(job, 'Warning', c.reason ?? '', c.message ?? '');
    }
  }
}

function formatNow(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function compactUncounted(succeeded: string[], failed: string[]): JobStatus['uncountedTerminatedPods'] {
  return { ...(succeeded.length ? { succeeded } : {}), ...(failed.length ? { failed } : {}) };
}

/** JobStatus as the API returns it: zero counters omitted, ready/terminating/uncounted always present. */
function statusForWrite(s: JobStatus): JobStatus {
  const out: JobStatus = {};
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.startTime) out.startTime = s.startTime;
  if (s.completionTime) out.completionTime = s.completionTime;
  if (s.active) out.active = s.active;
  if (s.succeeded) out.succeeded = s.succeeded;
  if (s.failed) out.failed = s.failed;
  if (s.completedIndexes) out.completedIndexes = s.completedIndexes;
  out.terminating = s.terminating ?? 0;
  out.uncountedTerminatedPods = s.uncountedTerminatedPods ?? {};
  out.ready = s.ready ?? 0;
  return out;
}

function duplicateIndexPods(pods: Pod[], completions: number): Pod[] {
  const seen = new Set<number>();
  const out: Pod[] = [];
  for (const p of pods) {
    const ix = completionIndex(p.metadata.annotations);
    if (ix === undefined || ix >= completions || seen.has(ix)) out.push(p);
    else seen.add(ix);
  }
  return out;
}

function pendingIndexes(active: Pod[], done: Set<number>, completions: number, n: number): number[] {
  const running = new Set(active.map((p) => completionIndex(p.metadata.annotations)).filter((x): x is number => x !== undefined));
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < n; i++) if (!done.has(i) && !running.has(i)) out.push(i);
  return out;
}
