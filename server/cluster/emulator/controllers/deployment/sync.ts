/**
 * One sync of one Deployment: the operations upstream's sync.go performs (find or create the new
 * ReplicaSet and keep revisions in step, scale, clean up history, compute status). The Deployment and
 * its ReplicaSets are re-read after every write, so each step works on what is stored.
 */
import type { EventRecorder } from '../events.ts';
import { errorMessage, isAlreadyExists, isNamespaceTerminating, type TypedClient } from '../shared/api.ts';
import { minReadySecondsOf, progressDeadlineOf, replicasOf, revisionHistoryLimitOf, rsReplicasOf, strategyTypeOf } from '../shared/defaults.ts';
import { computeHash } from '../shared/hash.ts';
import { clone, compact, controllerOf, controllerRef } from '../shared/objects.ts';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../shared/types.ts';
import { getDeploymentCondition, newCondition, Reason, setDeploymentCondition } from './conditions.ts';
import * as progress from './progress.ts';
import {
  byRevision,
  bySizeNewer,
  bySizeOlder,
  equalIgnoreHash,
  filterActive,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getProportion,
  isSaturated,
  maxRevision,
  maxSurge,
  newRSNewReplicas,
  POD_TEMPLATE_HASH,
  replicasAnnotationsNeedUpdate,
  REVISION,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicas,
} from './util.ts';

export interface DeploymentEnv {
  deployments: TypedClient<Deployment>;
  sets: TypedClient<ReplicaSet>;
  recorder: EventRecorder;
  now(): number;
  /** Sync this Deployment again after `ms` (progress deadline checks). */
  requeueAfter(ms: number): void;
}

export class DeploymentSync {
  constructor(
    readonly env: DeploymentEnv,
    public d: Deployment,
    public rsList: ReplicaSet[],
  ) {}

  // --- writes -------------------------------------------------------------------------------------

  /** Writes the revision annotation on the Deployment if it differs (upstream's SetDeploymentRevision). */
  private writeRevision(revision: string): void {
    if (this.d.metadata.annotations?.[REVISION] === revision) return;
    this.d = this.env.deployments.update(this.d, (o) => {
      o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [REVISION]: revision };
    });
  }

  writeStatus(status: DeploymentStatus): void {
    this.d = this.env.deployments.updateStatus(this.d, progress.compactStatus(status));
  }

  private updateRS(rs: ReplicaSet, mutate: (o: ReplicaSet) => void): ReplicaSet {
    const updated = this.env.sets.update(rs, mutate);
    this.rsList = this.rsList.map((x) => (x.metadata.uid === updated.metadata.uid ? updated : x));
    return updated;
  }

  workingStatus(): DeploymentStatus {
    return clone(this.d.status ?? {});
  }

  // --- new and old ReplicaSets ----------------------------------------------------------------------

  /** The new ReplicaSet (created if asked) and the old ones, with revisions brought in step. */
  allReplicaSets(create: boolean): { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] } {
    const { all } = findOldReplicaSets(this.d, this.rsList);
    const newRS = this.newReplicaSet(all, create);
    const oldRSs = findOldReplicaSets(this.d, this.rsList).all;
    return { newRS, oldRSs: newRS ? oldRSs.filter((rs) => rs.metadata.uid !== newRS.metadata.uid) : oldRSs };
  }

  private newReplicaSet(oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
    const d = this.d;
    const existing = findNewReplicaSet(d, this.rsList);
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) {
      const copy = clone(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
      const minReadyChanged = (copy.spec?.minReadySeconds ?? 0) !== minReadySecondsOf(d);
      if (annotationsUpdated || minReadyChanged) {
        return this.updateRS(existing, (o) => {
          o.metadata.annotations = copy.metadata.annotations;
          o.spec = { ...(o.spec ?? {}) };
          if (minReadySecondsOf(d) > 0) o.spec.minReadySeconds = minReadySecondsOf(d);
          else delete o.spec.minReadySeconds;
        });
      }
      const revision = copy.metadata.annotations?.[REVISION];
      if (revision !== undefined) this.writeRevision(revision);
      if (progressDeadlineOf(this.d) !== undefined && !getDeploymentCondition(this.d.status, 'Progressing')) {
        const status = this.workingStatus();
        setDeploymentCondition(status, newCondition('Progressing', 'True', Reason.FoundNewReplicaSet, `Found new replica set "${copy.metadata.name}"`, this.env.now()));
        this.writeStatus(status);
      }
      return existing;
    }
    if (!create) return undefined;
    return this.createNewReplicaSet(oldRSs, newRevision);
  }

  private createNewReplicaSet(oldRSs: ReplicaSet[], newRevision: number): ReplicaSet | undefined {
    const d = this.d;
    const hash = computeHash(d.spec?.template ?? {}, d.status?.collisionCount);
    const template = clone(d.spec?.template ?? {});
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
    const selector = clone(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const name = `${d.metadata.name}-${hash}`;
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: d.metadata.namespace, uid: '', resourceVersion: '', creationTimestamp: '', labels: { ...template.metadata.labels! }, ownerReferences: [controllerRef(d)] },
      spec: compact({ replicas: 0, minReadySeconds: minReadySecondsOf(d) || undefined, selector, template }),
    };
    const replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    newRS.spec!.replicas = replicas;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);
    const { uid: _u, resourceVersion: _r, creationTimestamp: _c, ...metadata } = newRS.metadata;
    let created: ReplicaSet;
    let alreadyExisted = false;
    try {
      created = this.env.sets.create(d.metadata.namespace, { ...newRS, metadata });
      this.rsList = [...this.rsList, created];
    } catch (e) {
      if (isAlreadyExists(e)) {
        const found = this.env.sets.get(d.metadata.namespace, name);
        if (found && controllerOf(found)?.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, found.spec?.template)) {
          created = found;
          alreadyExisted = true;
        } else {
          // A hash collision: a different ReplicaSet holds the name. Bump collisionCount and retry.
          const status = this.workingStatus();
          status.collisionCount = (status.collisionCount ?? 0) + 1;
          this.writeStatus(status);
          throw e;
        }
      } else if (isNamespaceTerminating(e)) {
        throw e;
      } else {
        const msg = `Failed to create new replica set "${name}": ${errorMessage(e)}`;
        if (progressDeadlineOf(d) !== undefined) {
          const status = this.workingStatus();
          setDeploymentCondition(status, newCondition('Progressing', 'False', Reason.FailedReplicaSetCreate, msg, this.env.now()));
          this.writeStatus(status);
        }
        this.env.recorder.event(d, 'Warning', Reason.FailedReplicaSetCreate, msg);
        throw e;
      }
    }
    if (!alreadyExisted && replicas > 0) {
      this.env.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`);
    }
    this.writeRevision(String(newRevision));
    if (!alreadyExisted && progressDeadlineOf(this.d) !== undefined) {
      const status = this.workingStatus();
      setDeploymentCondition(status, newCondition('Progressing', 'True', Reason.NewReplicaSetCreated, `Created new replica set "${created.metadata.name}"`, this.env.now()));
      this.writeStatus(status);
    }
    return created;
  }

  // --- scaling --------------------------------------------------------------------------------------

  /** Scales a ReplicaSet and records ScalingReplicaSet when its size changed. */
  scaleReplicaSetAndRecordEvent(rs: ReplicaSet, newScale: number): { scaled: boolean; rs: ReplicaSet } {
    if (rsReplicasOf(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, rsReplicasOf(rs) < newScale ? 'up' : 'down');
  }

  scaleReplicaSet(rs: ReplicaSet, newScale: number, operation: string): { scaled: boolean; rs: ReplicaSet } {
    const d = this.d;
    const desired = replicasOf(d);
    const max = desired + maxSurge(d);
    const sizeChanges = rsReplicasOf(rs) !== newScale;
    if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
    const oldScale = rsReplicasOf(rs);
    const updated = this.updateRS(rs, (o) => {
      o.spec = { ...(o.spec ?? {}), replicas: newScale };
      setReplicasAnnotations(o, desired, max);
    });
    if (sizeChanges) {
      this.env.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${updated.metadata.name} from ${oldScale} to ${newScale}`);
    }
    return { scaled: sizeChanges, rs: updated };
  }

  /** A scaling event or a paused Deployment: spread the change over the active ReplicaSets proportionally. */
  scale(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
    const d = this.d;
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (rsReplicasOf(activeOrLatest) !== replicasOf(d)) this.scaleReplicaSetAndRecordEvent(activeOrLatest, replicasOf(d));
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of filterActive(oldRSs)) this.scaleReplicaSetAndRecordEvent(old, 0);
      return;
    }
    if (strategyTypeOf(d) !== 'RollingUpdate') return;
    let all = filterActive([...oldRSs, newRS]);
    const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
    const toAdd = allowed - specReplicas(all);
    let operation = '';
    if (toAdd > 0) {
      all = [...all].sort(bySizeNewer);
      operation = 'up';
    } else if (toAdd < 0) {
      all = [...all].sort(bySizeOlder);
      operation = 'down';
    }
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of all) {
      if (toAdd !== 0) {
        const p = getProportion(rs, d, toAdd, added);
        sizes.set(rs.metadata.name, rsReplicasOf(rs) + p);
        added += p;
      } else sizes.set(rs.metadata.name, rsReplicasOf(rs));
    }
    all.forEach((rs, i) => {
      if (i === 0 && toAdd !== 0) sizes.set(rs.metadata.name, Math.max(0, sizes.get(rs.metadata.name)! + toAdd - added));
      const latest = this.rsList.find((x) => x.metadata.uid === rs.metadata.uid) ?? rs;
      this.scaleReplicaSet(latest, sizes.get(rs.metadata.name)!, operation);
    });
  }

  /** Was spec.replicas changed since the active ReplicaSets were last sized? */
  isScalingEvent(): boolean {
    const { newRS, oldRSs } = this.allReplicaSets(false);
    for (const rs of filterActive([...oldRSs, newRS])) {
      const desired = rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'];
      if (desired !== undefined && desired !== String(replicasOf(this.d))) return true;
    }
    return false;
  }

  /** Deletes old, empty ReplicaSets beyond revisionHistoryLimit, oldest revision first. */
  cleanupDeployment(oldRSs: ReplicaSet[]): void {
    const limit = revisionHistoryLimitOf(this.d);
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    const sorted = [...cleanable].sort(byRevision);
    for (const rs of sorted.slice(0, diff)) {
      const latest = this.env.sets.get(rs.metadata.namespace, rs.metadata.name);
      if (!latest) continue;
      if ((latest.status?.replicas ?? 0) !== 0 || rsReplicasOf(latest) !== 0) continue;
      if ((latest.metadata.generation ?? 0) > (latest.status?.observedGeneration ?? 0) || latest.metadata.deletionTimestamp) continue;
      this.env.sets.delete(latest);
      this.rsList = this.rsList.filter((x) => x.metadata.uid !== latest.metadata.uid);
    }
  }

  // --- status (progress.ts) -------------------------------------------------------------------------

  syncDeploymentStatus(all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    progress.syncDeploymentStatus(this, all, newRS);
  }

  syncRolloutStatus(all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    progress.syncRolloutStatus(this, all, newRS);
  }

  checkPausedConditions(): void {
    progress.checkPausedConditions(this);
  }

  /** Scaling and history cleanup while paused or on a scaling event. */
  sync(): void {
    const { newRS, oldRSs } = this.allReplicaSets(false);
    this.scale(newRS, oldRSs);
    const fresh = this.allReplicaSets(false);
    if (this.d.spec?.paused) this.cleanupDeployment(fresh.oldRSs);
    this.syncDeploymentStatus([...fresh.oldRSs, fresh.newRS], fresh.newRS);
  }

  syncStatusOnly(): void {
    const { newRS, oldRSs } = this.allReplicaSets(false);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS);
  }
}
