/**
 * The Job controller: runs pods to `completions` with `parallelism` at a time, replaces failed ones after
 * an exponential backoff until `backoffLimit`, enforces `activeDeadlineSeconds` and `suspend`, and
 * tracks finished pods through the `batch.kubernetes.io/job-tracking` finalizer and
 * `status.uncountedTerminatedPods`. As in 1.32, a finishing Job first gets the interim SuccessCriteriaMet
 * or FailureTarget condition, then Complete or Failed once no pod is left terminating.
 */
import type { StoreEvent } from '../../storage/object-store.ts';
import { createEventRecorder, type EventRecorder } from '../events.ts';
import { TypedClient } from '../shared/api.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { controllerOf, key, objectKey, splitKey } from '../shared/objects.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';
import type { Pod } from '../shared/types.ts';
import type { BackoffRecord } from './backoff.ts';
import { hasTrackingFinalizer } from './pods.ts';
import { JobSync, type JobEnv } from './sync.ts';
import { finishedCondition, JOB_TRACKING_FINALIZER, managedElsewhere, type Job } from './types.ts';

export class JobController extends ReconcileLoop {
  readonly name = 'job-controller';
  private jobs!: TypedClient<Job>;
  private pods!: TypedClient<Pod>;
  private recorder!: EventRecorder;
  private backoff = new Map<string, BackoffRecord>();

  protected override setup(): void {
    this.jobs = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'jobs'));
    this.pods = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'pods'));
    this.recorder = createEventRecorder(this.ctx, { component: 'job-controller' });
    this.backoff = new Map();
  }

  protected initialKeys(): string[] {
    return this.jobs.list().map(objectKey);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('jobs'))) {
      this.queue.add(objectKey(e.object));
      if (e.type === 'DELETED') this.backoff.delete(e.object.metadata.uid);
      return;
    }
    if (!sameKey(e.key, storageOf('pods'))) return;
    for (const ref of [controllerOf(e.object), controllerOf(e.previous)]) if (ref?.kind === 'Job') this.queue.add(key(e.object.metadata.namespace, ref.name));
    // An orphan pod still carrying the tracking finalizer loses it.
    if (!controllerOf(e.object) && e.type !== 'DELETED' && hasTrackingFinalizer(e.object as Pod)) this.releaseOrphan(e.object as Pod);
  }

  protected reconcile(k: string): void {
    const { namespace, name } = splitKey(k);
    const job = this.jobs.get(namespace, name);
    if (!job) return;
    if (finishedCondition(job) || managedElsewhere(job)) {
      this.backoff.delete(job.metadata.uid);
      return;
    }
    new JobSync(this.env(), job).run();
  }

  private env(): JobEnv {
    return {
      jobs: this.jobs,
      pods: this.pods,
      recorder: this.recorder,
      now: () => this.now(),
      backoffFor: (job) => this.backoffFor(job),
      requeue: (job, ms) => this.requeueAfter(objectKey(job), ms),
    };
  }

  private backoffFor(job: Job): BackoffRecord {
    let r = this.backoff.get(job.metadata.uid);
    if (!r) this.backoff.set(job.metadata.uid, (r = { failuresAfterLastSuccess: 0, seen: new Set() }));
    return r;
  }

  private releaseOrphan(pod: Pod): void {
    this.ctx.defer(() => {
      const current = this.pods.get(pod.metadata.namespace, pod.metadata.name);
      if (!current || controllerOf(current) || !hasTrackingFinalizer(current)) return;
      try {
        this.pods.update(current, (p) => {
          p.metadata.finalizers = (p.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
        });
      } catch {
        // gone or changed: the next event retries
      }
    });
  }
}
