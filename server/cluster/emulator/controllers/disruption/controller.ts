/**
 * The disruption controller: keeps every PodDisruptionBudget's status (expected, desired and current
 * healthy pods, disruptions allowed, the DisruptionAllowed condition) in step with its pods, as
 * kube-controller-manager's does. Evictions read that status; they also record the pods they disrupt,
 * which count as unhealthy until they are gone (or for two minutes at most).
 */
import { formatTime, parseTime } from '../../meta/time.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { TypedClient } from '../shared/api.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { objectKey, splitKey } from '../shared/objects.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';
import type { Pod } from '../shared/types.ts';
import { budgetsOf, computeBudget, type Pdb } from './budget.ts';

/** How long an evicted pod counts as disrupted if it is not deleted (upstream DeletionTimeout). */
export const DISRUPTED_POD_TIMEOUT_MS = 2 * 60 * 1000;

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime: string;
}

export class DisruptionController extends ReconcileLoop {
  readonly name = 'disruption-controller';
  private budgets!: TypedClient<Pdb>;

  protected override setup(): void {
    this.budgets = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'poddisruptionbudgets'));
  }

  protected initialKeys(): string[] {
    return this.budgets.list().map(objectKey);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('poddisruptionbudgets'))) {
      if (e.type !== 'DELETED') this.queue.add(objectKey(e.object));
    } else if (sameKey(e.key, storageOf('pods'))) {
      for (const pod of [e.object, e.previous]) if (pod) for (const pdb of budgetsOf(this.ctx.store, pod as Pod)) this.queue.add(objectKey(pdb));
    } else if (sameKey(e.key, storageOf('deployments')) || sameKey(e.key, storageOf('replicasets')) || sameKey(e.key, storageOf('statefulsets'))) {
      // A controller's scale sets the expected pods of relative budgets.
      for (const pdb of this.budgets.list(e.object.metadata.namespace)) this.queue.add(objectKey(pdb));
    }
  }

  protected reconcile(k: string): void {
    const { namespace, name } = splitKey(k);
    const pdb = this.budgets.get(namespace, name);
    if (!pdb || pdb.metadata.deletionTimestamp) return;
    const now = this.now();
    const disruptedPods = this.liveDisruptions(pdb, now);
    const budget = computeBudget(this.ctx.store, { ...pdb, status: { ...pdb.status, disruptedPods } });
    const generation = pdb.metadata.generation ?? 1;
    const allowed = budget.disruptionsAllowed > 0;
    const previous = (pdb.status?.conditions ?? []) as Condition[];
    const before = previous.find((c) => c.type === 'DisruptionAllowed');
    const status = allowed ? 'True' : 'False';
    const reason = budget.error ? 'SyncFailed' : allowed ? 'SufficientPods' : 'InsufficientPods';
    const condition: Condition = {
      type: 'DisruptionAllowed',
      status,
      reason,
      message: budget.error ?? '',
      observedGeneration: generation,
      lastTransitionTime: before && before.status === status ? before.lastTransitionTime : formatTime(now),
    };
    const next = {
      ...(Object.keys(disruptedPods).length > 0 ? { disruptedPods } : {}),
      disruptionsAllowed: budget.disruptionsAllowed,
      currentHealthy: budget.currentHealthy,
      desiredHealthy: budget.desiredHealthy,
      expectedPods: budget.expectedPods,
      conditions: [...previous.filter((c) => c.type !== 'DisruptionAllowed'), condition],
      observedGeneration: generation,
    };
    if (JSON.stringify(next) !== JSON.stringify(pdb.status)) this.budgets.updateStatus(pdb, next);
    const expiries = Object.values(disruptedPods).map((t) => (parseTime(t) ?? now) + DISRUPTED_POD_TIMEOUT_MS - now);
    if (expiries.length > 0) this.requeueAfter(k, Math.max(0, Math.min(...expiries)));
  }

  /** The recorded disruptions still in effect: the pod exists, is not deleted yet and the record is recent. */
  private liveDisruptions(pdb: Pdb, now: number): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [pod, at] of Object.entries(pdb.status?.disruptedPods ?? {})) {
      const current = this.ctx.store.get(storageOf('pods'), pdb.metadata.namespace, pod);
      const time = parseTime(at);
      if (!current || current.metadata.deletionTimestamp || time === undefined || time + DISRUPTED_POD_TIMEOUT_MS <= now) continue;
      out[pod] = at;
    }
    return out;
  }
}

