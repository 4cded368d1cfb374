/**
 * ControllerRevisions, the history DaemonSets and StatefulSets keep of their pod templates: the data is
 * a patch replacing spec.template, revisions are numbered, equal data means the same revision.
 */
import { controllerRef, clone } from './objects.ts';
import { canonicalJson } from './hash.ts';
import type { PodTemplateSpec, StoredObject } from './types.ts';

export interface ControllerRevision extends StoredObject {
  data?: unknown;
  revision?: number;
}

export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';
export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** `{"spec":{"template":{"$patch":"replace",…}}}`, the template as the API serves it (creationTimestamp null). */
export function templatePatch(template: PodTemplateSpec | undefined): unknown {
  const t = clone(template ?? {}) as Record<string, unknown>;
  t.metadata = { creationTimestamp: null, ...((t.metadata as Record<string, unknown>) ?? {}) };
  t.$patch = 'replace';
  return { spec: { template: t } };
}

export const sameData = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

export const byRevision = (a: ControllerRevision, b: ControllerRevision): number => (a.revision ?? 0) - (b.revision ?? 0);

export function maxRevision(list: ControllerRevision[]): number {
  return list.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
}

export function newRevision(owner: StoredObject, name: string, labels: Record<string, string>, data: unknown, revision: number, annotations?: Record<string, string>): ControllerRevision {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels,
      ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [controllerRef(owner)],
    } as ControllerRevision['metadata'],
    data,
    revision,
  };
}
