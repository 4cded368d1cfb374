/** A StatefulSet pod's identity and storage: its name, hostname, labels and the claims from volumeClaimTemplates. */
import type { KubeObject } from '../../meta/types.ts';
import { clone } from '../shared/objects.ts';
import { podFromTemplate } from '../shared/pod-control.ts';
import { CONTROLLER_REVISION_HASH } from '../shared/history.ts';
import type { PodTemplateSpec, PodSpec } from '../shared/types.ts';
import { POD_INDEX_LABEL, POD_NAME_LABEL, type PvcTemplate, type StatefulSet } from './types.ts';

export const podName = (set: StatefulSet, ordinal: number): string => `${set.metadata.name}-${ordinal}`;

export const claimName = (set: StatefulSet, template: PvcTemplate, ordinal: number): string => `${template.metadata?.name ?? ''}-${set.metadata.name}-${ordinal}`;

/** The claim a pod of `set` with `ordinal` uses for `template`. */
export function claimFor(set: StatefulSet, template: PvcTemplate, ordinal: number): KubeObject {
  const labels = { ...(template.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName(set, template, ordinal),
      namespace: set.metadata.namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
    },
    spec: clone(template.spec ?? {}),
  };
}

/** A new pod for `ordinal` from `template`, at `revision` (its controller-revision-hash label). */
export function statefulPod(set: StatefulSet, template: PodTemplateSpec | undefined, ordinal: number, revision: string): KubeObject {
  const name = podName(set, ordinal);
  const pod = podFromTemplate(template, set, { name });
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [CONTROLLER_REVISION_HASH]: revision };
  const spec = pod.spec as PodSpec;
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  const volumes = (spec.volumes ?? []).filter((v) => !(set.spec?.volumeClaimTemplates ?? []).some((t) => t.metadata?.name === v.name));
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    volumes.push({ name: t.metadata?.name ?? '', persistentVolumeClaim: { claimName: claimName(set, t, ordinal) } });
  }
  if (volumes.length) spec.volumes = volumes;
  return pod;
}
