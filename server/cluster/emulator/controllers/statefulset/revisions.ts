/** StatefulSet ControllerRevisions: `<set>-<hash of the template patch>`, numbered, reused when a template returns. */
import { isAlreadyExists, type TypedClient } from '../shared/api.ts';
import { canonicalJson, hashRevisionData } from '../shared/hash.ts';
import { byRevision, maxRevision, newRevision, REVISION_HASH_LABEL, sameData, templatePatch, type ControllerRevision } from '../shared/history.ts';
import type { PodTemplateSpec } from '../shared/types.ts';
import type { StatefulSet } from './types.ts';

export interface Revisions {
  current: ControllerRevision;
  update: ControllerRevision;
  collisionCount: number;
}

export function resolveRevisions(client: TypedClient<ControllerRevision>, set: StatefulSet, existing: ControllerRevision[]): Revisions {
  const history = [...existing].sort(byRevision);
  let collisionCount = set.status?.collisionCount ?? 0;
  const data = templatePatch(set.spec?.template);
  const next = maxRevision(history) + 1;
  const equal = history.filter((r) => sameData(r.data, data));
  let update: ControllerRevision;
  if (equal.length > 0 && equal.at(-1) === history.at(-1)) update = equal.at(-1)!;
  else if (equal.length > 0) update = client.update(equal.at(-1)!, (o) => (o.revision = next));
  else {
    for (;;) {
      const hash = hashRevisionData(canonicalJson(data), collisionCount);
      const labels = { ...(set.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash };
      try {
        update = client.create(set.metadata.namespace, newRevision(set, `${set.metadata.name}-${hash}`, labels, data, next));
        break;
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        const found = client.get(set.metadata.namespace, `${set.metadata.name}-${hash}`);
        if (found && sameData(found.data, data)) {
          update = found;
          break;
        }
        collisionCount++;
      }
    }
  }
  const current = history.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}

/** The template a revision recorded. */
export function templateOf(rev: ControllerRevision): PodTemplateSpec {
  const t = { ...(((rev.data as { spec?: { template?: Record<string, unknown> } })?.spec?.template ?? {}) as Record<string, unknown>) };
  delete t.$patch;
  const meta = { ...((t.metadata as Record<string, unknown>) ?? {}) };
  delete meta.creationTimestamp;
  return { ...t, metadata: meta } as PodTemplateSpec;
}
