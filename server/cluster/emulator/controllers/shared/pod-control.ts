/**
 * Creating and deleting pods on behalf of a controller (upstream's RealPodControl): pods come from the
 * owner's template with `generateName: <owner>-`, the template's labels, annotations and finalizers, and
 * a controller ownerReference; every create and delete is reported as an event on the owner.
 */
import type { KubeObject } from '../../meta/types.ts';
import type { EventRecorder } from '../events.ts';
import { isNamespaceTerminating, isNotFound, errorMessage, type TypedClient } from './api.ts';
import { clone, controllerRef } from './objects.ts';
import type { Pod, PodTemplateSpec, StoredObject } from './types.ts';

/** `generateName` for pods of `owner`: `<name>-`, unless that is not a valid prefix. */
export function podsPrefix(ownerName: string): string {
  return `${ownerName}-`;
}

/** A pod built from a template (`controller.GetPodFromTemplate`). */
export function podFromTemplate(template: PodTemplateSpec | undefined, owner: StoredObject, opts: { name?: string; generateName?: string } = {}): KubeObject {
  const meta = template?.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(opts.name ? { name: opts.name } : { generateName: opts.generateName ?? podsPrefix(owner.metadata.name) }),
      namespace: owner.metadata.namespace,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers?.length ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: clone(template?.spec ?? {}),
  };
}

export interface PodControl {
  pods: TypedClient<Pod>;
  recorder: EventRecorder;
}

export type CreateResult = { pod: Pod; error?: undefined } | { pod?: undefined; error: string };

/** Creates a pod for `owner`; reports SuccessfulCreate or FailedCreate. */
export function createPod(pc: PodControl, owner: StoredObject, pod: KubeObject): CreateResult {
  try {
    const created = pc.pods.create(owner.metadata.namespace, pod);
    pc.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    return { pod: created };
  } catch (e) {
    if (!isNamespaceTerminating(e)) pc.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(e)}`);
    return { error: errorMessage(e) };
  }
}

/** Deletes a pod of `owner`; reports SuccessfulDelete or FailedDelete. A pod already gone counts as deleted. */
export function deletePod(pc: PodControl, owner: StoredObject, pod: Pod): boolean {
  try {
    pc.pods.delete(pod);
    pc.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    return true;
  } catch (e) {
    if (isNotFound(e)) return true;
    pc.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(e)}`);
    return false;
  }
}
