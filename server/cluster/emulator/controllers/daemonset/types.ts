/** DaemonSet shapes and defaults. */
import type { Condition, IntOrString, LabelSelectorObject, PodTemplateSpec, StoredObject } from '../shared/types.ts';

export interface DaemonSet extends StoredObject {
  spec?: {
    selector?: LabelSelectorObject;
    template?: PodTemplateSpec;
    updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: {
    currentNumberScheduled?: number;
    numberMisscheduled?: number;
    desiredNumberScheduled?: number;
    numberReady?: number;
    observedGeneration?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
    numberUnavailable?: number;
    collisionCount?: number;
    conditions?: Condition[];
  };
}

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

export const updateStrategyOf = (ds: DaemonSet) => (ds.spec?.updateStrategy?.type === 'OnDelete' ? 'OnDelete' : 'RollingUpdate');

/** The template generation the API server records in an annotation (its metadata.generation at the last template change). */
export function templateGenerationOf(ds: DaemonSet): number | undefined {
  const v = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (v !== undefined && /^\d+$/.test(v)) return Number(v);
  return ds.metadata.generation;
}
