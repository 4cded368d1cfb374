/**
 * The StatefulSet controller: pods `<set>-0…n-1` with stable names, hostnames and claims from
 * volumeClaimTemplates (`<template>-<set>-<ordinal>`); OrderedReady creates one pod at a time and only
 * after its predecessors are Running and Ready, and removes pods from the highest ordinal down; Parallel
 * does both at once. Updates roll from the highest ordinal down to the partition, one pod at a time,
 * tracked through ControllerRevisions (currentRevision / updateRevision).
 */
import { fromLabelSelector } from '../../meta/selectors.ts';
import { parseTime } from '../../meta/time.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { createEventRecorder, type EventRecorder } from '../events.ts';
import { errorMessage, ignoreNotFound, isAlreadyExists, isNotFound, TypedClient } from '../shared/api.ts';
import { claim } from '../shared/claim.ts';
import { generationOf, minReadySecondsOf, replicasOf, revisionHistoryLimitOf } from '../shared/defaults.ts';
import { byRevision, CONTROLLER_REVISION_HASH, type ControllerRevision } from '../shared/history.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { controllerOf, isPodAvailable, isPodReady, objectKey, podReadyCondition, splitKey } from '../shared/objects.ts';
import { ownerKeys } from '../shared/owners.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';
import type { Pod, StoredObject } from '../shared/types.ts';
import { claimFor, statefulPod } from './identity.ts';
import { resolveRevisions, templateOf, type Revisions } from './revisions.ts';
import { isOnDelete, isParallel, ordinalOf, partitionOf, startOrdinalOf, type StatefulSet } from './types.ts';

const revisionOf = (p: Pod | undefined) => p?.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? '';
const isCreated = (p: Pod | undefined): p is Pod => !!p?.metadata.uid;
const isTerminating = (p: Pod) => !!p.metadata.deletionTimestamp;
const isRunningAndReady = (p: Pod) => p.status?.phase === 'Running' && isPodReady(p);
const isHealthy = (p: Pod) => isRunningAndReady(p) && !isTerminating(p);

export class StatefulSetController extends ReconcileLoop {
  readonly name = 'statefulset-controller';
  private sets!: TypedClient<StatefulSet>;
  private pods!: TypedClient<Pod>;
  private claims!: TypedClient<StoredObject>;
  private revisions!: TypedClient<ControllerRevision>;
  private recorder!: EventRecorder;

  protected override setup(): void {
    const { api, store, registry } = this.ctx;
    this.sets = new TypedClient(api, store, defOf(registry, 'statefulsets'));
    this.pods = new TypedClient(api, store, defOf(registry, 'pods'));
    this.claims = new TypedClient(api, store, defOf(registry, 'persistentvolumeclaims'));
    this.revisions = new TypedClient(api, store, defOf(registry, 'controllerrevisions'));
    this.recorder = createEventRecorder(this.ctx, { component: 'statefulset-controller' });
  }

  protected initialKeys(): string[] {
    return this.sets.list().map(objectKey);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('statefulsets'))) this.queue.add(objectKey(e.object));
    else if (sameKey(e.key, storageOf('pods'))) for (const k of ownerKeys(e, 'StatefulSet', (ns) => this.sets.list(ns))) this.queue.add(k);
  }

  protected reconcile(k: string): void {
    const { namespace, name } = splitKey(k);
    const set = this.sets.get(namespace, name);
    if (!set) return;
    const selector = fromLabelSelector(set.spec?.selector);
    if (!selector || selector.length === 0) return;
    const members = this.pods.list(namespace).filter((p) => ordinalOf(set, p.metadata.name) !== undefined || controllerOf(p)?.uid === set.metadata.uid);
    const pods = claim(this.pods, set, selector, members).filter((p) => ordinalOf(set, p.metadata.name) !== undefined);
    const history = claim(this.revisions, set, selector, this.revisions.list(namespace));
    const revs = resolveRevisions(this.revisions, set, history);
    const status = this.update(set, pods, revs);
    this.truncateHistory(set, revs, history);
    this.writeStatus(set, status, revs);
    this.requeueForAvailability(k, set);
  }

  /** One pass of upstream's updateStatefulSet; returns the counted status. */
  private update(set: StatefulSet, pods: Pod[], revs: Revisions): Counts {
    const now = this.now();
    const start = startOrdinalOf(set);
    const count = replicasOf(set);
    const end = start + count - 1;
    const replicas: (Pod | undefined)[] = new Array(count).fill(undefined);
    const condemned: Pod[] = [];
    for (const p of pods) {
      const ord = ordinalOf(set, p.metadata.name)!;
      if (ord >= start && ord <= end) replicas[ord - start] = p;
      else condemned.push(p);
    }
    condemned.sort((a, b) => ordinalOf(set, b.metadata.name)! - ordinalOf(set, a.metadata.name)!);
    const currentTemplate = templateOf(revs.current);
    const updateTemplate = set.spec?.template;
    const partition = partitionOf(set);
    for (let i = 0; i < count; i++) {
      if (replicas[i]) continue;
      const ord = start + i;
      const useCurrent = !isOnDelete(set) && ord < start + partition;
      replicas[i] = statefulPod(set, useCurrent ? currentTemplate : updateTemplate, ord, useCurrent ? revs.current.metadata.name : revs.update.metadata.name) as Pod;
    }
    const firstUnhealthy = [...replicas, ...[...condemned].reverse()].find((p) => p && !isHealthy(p));
    if (set.metadata.deletionTimestamp) return countPods(set, revs, replicas, condemned, now);
    const monotonic = !isParallel(set);
    for (let i = 0; i < count; i++) {
      const stop = this.processReplica(set, replicas, i, monotonic);
      if (stop && monotonic) return countPods(set, revs, replicas, condemned, now);
    }
    for (const p of condemned) {
      if (isTerminating(p)) {
        if (monotonic) return countPods(set, revs, replicas, condemned, now);
        continue;
      }
      if (monotonic && !isRunningAndReady(p) && p !== firstUnhealthy) return countPods(set, revs, replicas, condemned, now);
      if (monotonic && !isPodAvailable(p, minReadySecondsOf(set), now) && p !== firstUnhealthy) return countPods(set, revs, replicas, condemned, now);
      this.deletePod(set, p);
      if (monotonic) return countPods(set, revs, replicas, condemned, now);
    }
    const counts = countPods(set, revs, replicas, condemned, now);
    if (isOnDelete(set)) return counts;
    // Roll: replace the highest-ordinal pod not at the update revision, one at a time, down to the partition.
    for (let target = replicas.length - 1; target >= partition; target--) {
      const p = replicas[target]!;
      if (isCreated(p) && revisionOf(p) !== revs.update.metadata.name && !isTerminating(p)) {
        this.deletePod(set, p);
        counts.current--;
        return counts;
      }
      if (!isCreated(p) || !isHealthy(p)) return counts;
    }
    return counts;
  }

  /** Returns true when processing must stop here (something created, or a predecessor not yet ready). */
  private processReplica(set: StatefulSet, replicas: (Pod | undefined)[], i: number, monotonic: boolean): boolean {
    const p = replicas[i]!;
    const phase = p.status?.phase;
    if (isCreated(p) && (phase === 'Failed' || phase === 'Succeeded')) {
      if (!isTerminating(p)) this.deletePod(set, p);
      return true;
    }
    if (!isCreated(p)) {
      const created = this.createPod(set, p);
      if (created) replicas[i] = created;
      return monotonic || !created;
    }
    if (isTerminating(p) && monotonic) return true;
    if (!isRunningAndReady(p) && monotonic) return true;
    if (!isPodAvailable(p, minReadySecondsOf(set), this.now()) && monotonic) return true;
    return false;
  }

  private createPod(set: StatefulSet, pod: Pod): Pod | undefined {
    const ordinal = ordinalOf(set, pod.metadata.name)!;
    for (const t of set.spec?.volumeClaimTemplates ?? []) {
      const pvc = claimFor(set, t, ordinal);
      if (this.claims.get(set.metadata.namespace, pvc.metadata.name!)) continue;
      try {
        this.claims.create(set.metadata.namespace, pvc);
        this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${pvc.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
      } catch (e) {
        if (isAlreadyExists(e)) continue;
        this.recorder.event(set, 'Warning', 'FailedCreate', `create Claim ${pvc.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorMessage(e)}`);
        return undefined;
      }
    }
    try {
      const created = this.pods.create(set.metadata.namespace, pod);
      this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
      return created;
    } catch (e) {
      if (!isAlreadyExists(e)) this.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorMessage(e)}`);
      return undefined;
    }
  }

  private deletePod(set: StatefulSet, pod: Pod): void {
    try {
      this.pods.delete(pod);
      this.recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    } catch (e) {
      if (!isNotFound(e)) this.recorder.event(set, 'Warning', 'FailedDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorMessage(e)}`);
    }
  }

  private writeStatus(set: StatefulSet, c: Counts, revs: Revisions): void {
    const latest = this.sets.get(set.metadata.namespace, set.metadata.name);
    if (!latest) return;
    let currentRevision = revs.current.metadata.name;
    let current = c.current;
    // A completed rolling update makes the update revision current.
    if (!isOnDelete(set) && c.updated === c.replicas && c.ready === c.replicas) {
      current = c.updated;
      currentRevision = revs.update.metadata.name;
    }
    const status: NonNullable<StatefulSet['status']> = {
      ...(generationOf(set) ? { observedGeneration: generationOf(set) } : {}),
      replicas: c.replicas,
      ...(c.ready ? { readyReplicas: c.ready } : {}),
      ...(current ? { currentReplicas: current } : {}),
      ...(c.updated ? { updatedReplicas: c.updated } : {}),
      currentRevision,
      updateRevision: revs.update.metadata.name,
      collisionCount: revs.collisionCount,
      availableReplicas: c.available,
    };
    if (JSON.stringify(status) !== JSON.stringify(latest.status ?? {})) this.sets.updateStatus(latest, status);
  }

  /** Keeps revisionHistoryLimit revisions besides those in use. */
  private truncateHistory(set: StatefulSet, revs: Revisions, history: ControllerRevision[]): void {
    const live = new Set([revs.current.metadata.name, revs.update.metadata.name]);
    for (const p of this.pods.list(set.metadata.namespace)) if (controllerOf(p)?.uid === set.metadata.uid) live.add(revisionOf(p));
    const old = history.filter((r) => !live.has(r.metadata.name)).sort(byRevision);
    const excess = old.length - revisionHistoryLimitOf(set);
    for (const r of old.slice(0, Math.max(0, excess))) {
      ignoreNotFound(() => this.revisions.delete(r));
    }
  }

  private requeueForAvailability(k: string, set: StatefulSet): void {
    const minReady = minReadySecondsOf(set);
    if (minReady <= 0) return;
    const now = this.now();
    let soonest = Infinity;
    for (const p of this.pods.list(set.metadata.namespace)) {
      if (controllerOf(p)?.uid !== set.metadata.uid || !isPodReady(p)) continue;
      const since = parseTime(podReadyCondition(p)?.lastTransitionTime);
      if (since !== undefined && since + minReady * 1000 + 1 > now) soonest = Math.min(soonest, since + minReady * 1000 + 1);
    }
    if (soonest !== Infinity) this.requeueAfter(k, soonest - now);
  }
}

interface Counts {
  replicas: number;
  ready: number;
  available: number;
  current: number;
  updated: number;
}

function countPods(set: StatefulSet, revs: Revisions, replicas: (Pod | undefined)[], condemned: Pod[], now: number): Counts {
  const c: Counts = { replicas: 0, ready: 0, available: 0, current: 0, updated: 0 };
  for (const p of [...replicas, ...condemned]) {
    if (!isCreated(p)) continue;
    c.replicas++;
    if (isRunningAndReady(p)) {
      c.ready++;
      if (isPodAvailable(p, minReadySecondsOf(set), now)) c.available++;
    }
    if (!isTerminating(p)) {
      if (revisionOf(p) === revs.current.metadata.name) c.current++;
      if (revisionOf(p) === revs.update.metadata.name) c.updated++;
    }
  }
  return c;
}
