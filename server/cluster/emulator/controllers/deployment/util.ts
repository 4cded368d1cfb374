/** Deployment arithmetic and annotations, as upstream's deployment/util. Pure functions. */
import { parseTime } from '../../meta/time.ts';
import { minReadySecondsOf, replicasOf, rollingParamsOf, rsReplicasOf, strategyTypeOf } from '../shared/defaults.ts';
import { scaledValue } from '../shared/int-or-percent.ts';
import { semanticEqual } from '../shared/objects.ts';
import type { Deployment, DeploymentStatus, PodTemplateSpec, ReplicaSet } from '../shared/types.ts';

export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
/** Annotations never copied from a Deployment to its ReplicaSets. */
const SKIPPED = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);
/** Keep at most this many characters of revision history on a ReplicaSet. */
export const MAX_REVISION_HISTORY_CHARS = 2000;

/** maxSurge rounded up, maxUnavailable rounded down; both zero means one may be unavailable. */
export function resolveFenceposts(d: Deployment): { surge: number; unavailable: number } {
  const desired = replicasOf(d);
  const { maxSurge, maxUnavailable } = rollingParamsOf(d);
  const surge = scaledValue(maxSurge, desired, true, '25%');
  let unavailable = scaledValue(maxUnavailable, desired, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Deployment): number {
  return strategyTypeOf(d) === 'RollingUpdate' ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: Deployment): number {
  if (strategyTypeOf(d) !== 'RollingUpdate' || replicasOf(d) === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, replicasOf(d));
}

export const specReplicas = (sets: (ReplicaSet | undefined)[]): number => sets.reduce((n, rs) => n + rsReplicasOf(rs), 0);
export const actualReplicas = (sets: (ReplicaSet | undefined)[]): number => sets.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
export const readyReplicas = (sets: (ReplicaSet | undefined)[]): number => sets.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
export const availableReplicas = (sets: (ReplicaSet | undefined)[]): number => sets.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);

export const isActive = (rs: ReplicaSet | undefined): rs is ReplicaSet => !!rs && rsReplicasOf(rs) > 0;
export const filterActive = (sets: (ReplicaSet | undefined)[]): ReplicaSet[] => sets.filter(isActive);

const created = (rs: ReplicaSet): number => parseTime(rs.metadata.creationTimestamp) ?? 0;

/** Oldest first; ties by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return created(a) - created(b) || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
}

/** Larger first; ties oldest first (scaling down). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return rsReplicasOf(b) - rsReplicasOf(a) || byCreation(a, b);
}

/** Larger first; ties newest first (scaling up). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return rsReplicasOf(b) - rsReplicasOf(a) || byCreation(b, a);
}

export function revisionOf(rs: ReplicaSet | undefined): number {
  const v = rs?.metadata.annotations?.[REVISION];
  if (v === undefined || !/^\d+$/.test(v)) return 0;
  return Number(v);
}

export const maxRevision = (sets: ReplicaSet[]): number => sets.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);

export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

/** Templates equal once both drop the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels[POD_TEMPLATE_HASH];
    return { ...(t ?? {}), metadata: { ...(t?.metadata ?? {}), labels } };
  };
  return semanticEqual(strip(a), strip(b));
}

/** The oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(d: Deployment, sets: ReplicaSet[]): ReplicaSet | undefined {
  return [...sets].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export function findOldReplicaSets(d: Deployment, sets: ReplicaSet[]): { active: ReplicaSet[]; all: ReplicaSet[] } {
  const newRS = findNewReplicaSet(d, sets);
  const all = sets.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
  return { active: all.filter((rs) => rsReplicasOf(rs) !== 0), all };
}

/** How many replicas a new ReplicaSet may have now (`NewRSNewReplicas`). */
export function newRSNewReplicas(d: Deployment, all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): number {
  if (strategyTypeOf(d) === 'Recreate') return replicasOf(d);
  const current = specReplicas(all);
  const maxTotal = replicasOf(d) + maxSurge(d);
  if (current >= maxTotal) return rsReplicasOf(newRS);
  const up = Math.min(maxTotal - current, replicasOf(d) - rsReplicasOf(newRS));
  return rsReplicasOf(newRS) + up;
}

/** The one ReplicaSet with pods, or the newest when none has (`FindActiveOrLatest`). */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, old: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && old.length === 0) return undefined;
  const sortedOld = [...old].sort(byCreation).reverse();
  const active = filterActive([...sortedOld, newRS]);
  if (active.length === 0) return newRS ?? sortedOld[0];
  if (active.length === 1) return active[0];
  return undefined;
}

export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
  return desired === String(replicasOf(d)) && rsReplicasOf(rs) === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** desired-replicas and max-replicas annotations; returns true if they changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  if (a[DESIRED_REPLICAS] !== String(desired)) {
    a[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS] !== String(max)) {
    a[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

/** Copies the Deployment's annotations (but the controller's own) onto a ReplicaSet. */
function copyAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIPPED.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * Annotations of the new ReplicaSet: the Deployment's own, the revision (raised to `newRevision`, keeping
 * the former one in revision-history when a ReplicaSet is reused by a rollback), and for a ReplicaSet
 * about to be created, the replica annotations. Returns true if anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  let changed = copyAnnotations(d, rs);
  const a = (rs.metadata.annotations ??= {});
  const oldRevisionText = a[REVISION];
  if (oldRevisionText !== undefined && !/^\d+$/.test(oldRevisionText)) return false;
  const oldRevision = oldRevisionText === undefined ? 0 : Number(oldRevisionText);
  if (oldRevision < newRevision) {
    a[REVISION] = String(newRevision);
    changed = true;
    if (oldRevisionText !== undefined) {
      const history = a[REVISION_HISTORY];
      if (!history) a[REVISION_HISTORY] = oldRevisionText;
      else {
        const parts = history.split(',');
        let total = history.length + oldRevisionText.length + 1;
        let start = 0;
        while (total > MAX_REVISION_HISTORY_CHARS && start < parts.length) {
          total -= parts[start]!.length + 1;
          start++;
        }
        if (total <= MAX_REVISION_HISTORY_CHARS) a[REVISION_HISTORY] = [...parts.slice(start), oldRevisionText].join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** `getReplicaSetFraction`: how much of a proportional scale a ReplicaSet takes. */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -rsReplicasOf(rs);
  const deploymentMax = replicasOf(d) + maxSurge(d);
  const annotated = rs.metadata.annotations?.[MAX_REPLICAS];
  const before = annotated !== undefined && /^\d+$/.test(annotated) ? Number(annotated) : (d.status?.replicas ?? 0);
  if (before === 0) return 0;
  // Go's integer.RoundToInt32: round half away from zero.
  const size = (rsReplicasOf(rs) * deploymentMax) / before;
  return Math.sign(size) * Math.round(Math.abs(size)) - rsReplicasOf(rs);
}

export function getProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || rsReplicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

export { minReadySecondsOf };
