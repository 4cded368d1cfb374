/**
 * A DaemonSet's ControllerRevisions: `<ds>-<hash of the template>` labelled controller-revision-hash,
 * one per distinct template; the current one carries the highest revision number. Old revisions not used
 * by any pod are deleted beyond revisionHistoryLimit.
 */
import type { Selector } from '../../meta/selectors.ts';
import { isAlreadyExists, type TypedClient } from '../shared/api.ts';
import { claim } from '../shared/claim.ts';
import { revisionHistoryLimitOf } from '../shared/defaults.ts';
import { computeHash } from '../shared/hash.ts';
import { byRevision, CONTROLLER_REVISION_HASH, maxRevision, newRevision, sameData, templatePatch, type ControllerRevision } from '../shared/history.ts';
import type { DaemonSet } from './types.ts';

export interface HistoryEnv {
  revisions: TypedClient<ControllerRevision>;
  sets: TypedClient<DaemonSet>;
}

export function constructHistory(env: HistoryEnv, ds: DaemonSet, selector: Selector): { cur: ControllerRevision | undefined; old: ControllerRevision[] } {
  const histories = claim(env.revisions, ds, selector, env.revisions.list(ds.metadata.namespace));
  const data = templatePatch(ds.spec?.template);
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (let h of histories) {
    if (!h.metadata.labels?.[CONTROLLER_REVISION_HASH]) {
      h = env.revisions.update(h, (o) => (o.metadata.labels = { ...(o.metadata.labels ?? {}), [CONTROLLER_REVISION_HASH]: o.metadata.name }));
    }
    (sameData(h.data, data) ? current : old).push(h);
  }
  const next = maxRevision(old) + 1;
  if (current.length === 0) return { cur: snapshot(env, ds, data, next), old };
  // Keep the newest of equal revisions.
  const sorted = [...current].sort(byRevision);
  let cur = sorted.at(-1)!;
  for (const dup of sorted.slice(0, -1)) env.revisions.delete(dup);
  if ((cur.revision ?? 0) < next) cur = env.revisions.update(cur, (o) => (o.revision = next));
  return { cur, old };
}

function snapshot(env: HistoryEnv, ds: DaemonSet, data: unknown, revision: number): ControllerRevision | undefined {
  const hash = computeHash(ds.spec?.template ?? {}, ds.status?.collisionCount);
  const name = `${ds.metadata.name}-${hash}`;
  const labels = { ...(ds.spec?.template?.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH]: hash };
  try {
    return env.revisions.create(ds.metadata.namespace, newRevision(ds, name, labels, data, revision, ds.metadata.annotations));
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
    const existing = env.revisions.get(ds.metadata.namespace, name);
    if (existing && sameData(existing.data, data)) return existing;
    // A hash collision: bump collisionCount and retry on the next sync.
    env.sets.updateStatus(ds, { ...(ds.status ?? {}), collisionCount: (ds.status?.collisionCount ?? 0) + 1 });
    throw e;
  }
}

/** Deletes the oldest unused revisions beyond revisionHistoryLimit; `live` are the hashes pods still carry. */
export function cleanupHistory(env: HistoryEnv, ds: DaemonSet, old: ControllerRevision[], live: Set<string>): void {
  let toKill = old.length - revisionHistoryLimitOf(ds);
  for (const h of [...old].sort(byRevision)) {
    if (toKill <= 0) break;
    if (live.has(h.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? '')) continue;
    env.revisions.delete(h);
    toKill--;
  }
}
