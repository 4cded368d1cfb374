/**
 * The ReplicaSet controller: keeps `spec.replicas` pods matching the selector, owned through a
 * controller ownerReference, creating from the template (in slow-start batches of 1, 2, 4…) or deleting
 * in upstream's preference order, adopting orphans and releasing pods that stopped matching, and
 * reporting replicas / fullyLabeledReplicas / readyReplicas / availableReplicas / observedGeneration.
 */
import { fromLabelSelector } from '../../meta/selectors.ts';
import { parseTime } from '../../meta/time.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { createEventRecorder, type EventRecorder } from '../events.ts';
import { TypedClient } from '../shared/api.ts';
import { claim } from '../shared/claim.ts';
import { generationOf, minReadySecondsOf, replicasOf } from '../shared/defaults.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { controllerOf, isPodActive, isPodReady, objectKey, podReadyCondition, splitKey } from '../shared/objects.ts';
import { ownerKeys } from '../shared/owners.ts';
import { createPod, deletePod, podFromTemplate, type PodControl } from '../shared/pod-control.ts';
import { podsToDelete } from '../shared/pod-ranking.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';
import type { Pod, ReplicaSet } from '../shared/types.ts';
import { calculateStatus, statusUnchanged } from './status.ts';

/** At most this many pods are created or deleted per sync (upstream's burstReplicas). */
export const BURST_REPLICAS = 500;

export class ReplicaSetController extends ReconcileLoop {
  readonly name = 'replicaset-controller';
  private sets!: TypedClient<ReplicaSet>;
  private pods!: TypedClient<Pod>;
  private recorder!: EventRecorder;

  protected override setup(): void {
    this.sets = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'replicasets'));
    this.pods = new TypedClient(this.ctx.api, this.ctx.store, defOf(this.ctx.registry, 'pods'));
    this.recorder = createEventRecorder(this.ctx, { component: 'replicaset-controller' });
  }

  protected initialKeys(): string[] {
    return this.sets.list().map(objectKey);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('replicasets'))) {
      this.queue.add(objectKey(e.object));
      return;
    }
    if (!sameKey(e.key, storageOf('pods'))) return;
    for (const k of ownerKeys(e, 'ReplicaSet', (ns) => this.sets.list(ns))) this.queue.add(k);
  }

  protected reconcile(k: string): void {
    const { namespace, name } = splitKey(k);
    const rs = this.sets.get(namespace, name);
    if (!rs) return;
    const selector = fromLabelSelector(rs.spec?.selector);
    if (!selector || selector.length === 0) return;
    const active = this.pods.list(namespace).filter(isPodActive);
    const owned = claim(this.pods, rs, selector, active);
    let manageError: string | undefined;
    if (!rs.metadata.deletionTimestamp) manageError = this.manageReplicas(rs, owned);
    const now = this.now();
    // As upstream, status describes the pods seen at the start of the sync; the pod events of this
    // sync's creates and deletes queue the next one.
    const status = calculateStatus(rs, owned, manageError, now);
    const generation = rs.metadata.generation;
    if (generation !== undefined) status.observedGeneration = generation;
    const current = this.sets.get(namespace, name);
    if (current && !(statusUnchanged(current.status, status) && (current.status?.observedGeneration ?? 0) === generationOf(rs))) {
      this.sets.updateStatus(current, status);
    }
    this.requeueForAvailability(k, rs, owned, now);
  }

  /** Creates or deletes pods to reach spec.replicas; returns an error message if a write failed. */
  private manageReplicas(rs: ReplicaSet, owned: Pod[]): string | undefined {
    const diff = owned.length - replicasOf(rs);
    const pc: PodControl = { pods: this.pods, recorder: this.recorder };
    if (diff < 0) {
      let remaining = Math.min(-diff, BURST_REPLICAS);
      // Slow start: batches of 1, 2, 4… stop at the first batch with a failure.
      for (let batch = Math.min(remaining, 1); remaining > 0; batch = Math.min(2 * batch, remaining)) {
        let failure: string | undefined;
        for (let i = 0; i < batch; i++) {
          const { error } = createPod(pc, rs, podFromTemplate(rs.spec?.template, rs));
          failure ??= error;
        }
        remaining -= batch;
        if (failure !== undefined) return failure;
      }
      return undefined;
    }
    if (diff > 0) {
      const victims = podsToDelete(owned, this.relatedPods(rs, owned), Math.min(diff, BURST_REPLICAS), this.now());
      let error: string | undefined;
      for (const pod of victims) if (!deletePod(pc, rs, pod)) error = `unable to delete pod ${pod.metadata.name}`;
      return error;
    }
    return undefined;
  }

  /** Active pods of every ReplicaSet sharing this one's controller (the Deployment's other ReplicaSets). */
  private relatedPods(rs: ReplicaSet, owned: Pod[]): Pod[] {
    const owner = controllerOf(rs);
    if (!owner) return owned;
    const siblings = new Set(this.sets.list(rs.metadata.namespace).filter((s) => controllerOf(s)?.uid === owner.uid).map((s) => s.metadata.uid));
    return this.pods.list(rs.metadata.namespace).filter((p) => isPodActive(p) && siblings.has(controllerOf(p)?.uid ?? ''));
  }

  /** A pod that is ready but not yet available becomes available minReadySeconds after it turned ready. */
  private requeueForAvailability(k: string, rs: ReplicaSet, owned: Pod[], now: number): void {
    const minReady = minReadySecondsOf(rs);
    if (minReady <= 0) return;
    let soonest = Infinity;
    for (const p of owned) {
      if (!isPodReady(p)) continue;
      const since = parseTime(podReadyCondition(p)?.lastTransitionTime);
      if (since === undefined) continue;
      const at = since + minReady * 1000 + 1;
      if (at > now) soonest = Math.min(soonest, at);
    }
    if (soonest !== Infinity) this.requeueAfter(k, soonest - now);
  }
}
