/**
 * The TTL-after-finished controller: a Job with `ttlSecondsAfterFinished` is deleted (in the foreground,
 * so its pods go first) that many seconds after it completed or failed.
 */
import { parseTime } from '../../meta/time.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { isConflict, isNotFound, TypedClient } from '../shared/api.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { objectKey, splitKey } from '../shared/objects.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';
import { finishedCondition, type Job } from './types.ts';

export class TtlAfterFinishedController extends ReconcileLoop {
  readonly name = 'ttl-after-finished-controller';
  private jobs!: TypedClient<Job>;

  protected override setup(): void {
    this.jobs = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'jobs'));
  }

  protected initialKeys(): string[] {
    return this.jobs.list().filter(needsCleanup).map(objectKey);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('jobs')) && e.type !== 'DELETED' && needsCleanup(e.object as Job)) this.queue.add(objectKey(e.object));
  }

  protected reconcile(k: string): void {
    const { namespace, name } = splitKey(k);
    const job = this.jobs.get(namespace, name);
    if (!job || !needsCleanup(job)) return;
    const finishedAt = parseTime(finishedCondition(job)?.lastTransitionTime);
    if (finishedAt === undefined) return;
    const expireAt = finishedAt + (job.spec!.ttlSecondsAfterFinished ?? 0) * 1000;
    if (expireAt > this.now()) {
      this.requeueAfter(k, expireAt - this.now());
      return;
    }
    try {
      this.jobs.delete(job, { propagationPolicy: 'Foreground' });
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) throw e;
    }
  }
}

function needsCleanup(job: Job): boolean {
  return job.spec?.ttlSecondsAfterFinished !== undefined && !!finishedCondition(job) && !job.metadata.deletionTimestamp;
}
