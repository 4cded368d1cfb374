/** StatefulSet shapes and defaults. */
import type { LabelSelectorObject, PodTemplateSpec, StoredObject } from '../shared/types.ts';

export interface PvcTemplate {
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

export interface StatefulSet extends StoredObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelectorObject;
    template?: PodTemplateSpec;
    serviceName?: string;
    podManagementPolicy?: 'OrderedReady' | 'Parallel';
    updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    volumeClaimTemplates?: PvcTemplate[];
    revisionHistoryLimit?: number;
    minReadySeconds?: number;
    ordinals?: { start?: number };
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    currentReplicas?: number;
    updatedReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
    collisionCount?: number;
    availableReplicas?: number;
    conditions?: unknown[];
  };
}

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

export const startOrdinalOf = (s: StatefulSet): number => s.spec?.ordinals?.start ?? 0;
export const isParallel = (s: StatefulSet): boolean => s.spec?.podManagementPolicy === 'Parallel';
export const isOnDelete = (s: StatefulSet): boolean => s.spec?.updateStrategy?.type === 'OnDelete';
export const partitionOf = (s: StatefulSet): number => s.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;

/** `<set>-<ordinal>` → ordinal, when the pod belongs to the set by name. */
export function ordinalOf(set: StatefulSet, podName: string): number | undefined {
  const prefix = `${set.metadata.name}-`;
  if (!podName.startsWith(prefix)) return undefined;
  const rest = podName.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}
