/** Writes the control loops make through the ResourceApi, as a controller's client would. */
import type { ResourceApi } from '../../apiserver/resource-api.ts';
import { ApiError, errors } from '../../meta/errors.ts';
import type { KubeObject, StoredObject } from '../../meta/types.ts';
import { gvString, type ResourceDef } from '../../registry/types.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { clone } from './objects.ts';

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiError && e.code === 404;
}

/** Runs a write to an object that may be gone by now: its 404 is no error. */
export function ignoreNotFound(write: () => unknown): void {
  try {
    write();
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

export function isConflict(e: unknown): boolean {
  return e instanceof ApiError && e.code === 409;
}

export function isAlreadyExists(e: unknown): boolean {
  return e instanceof ApiError && e.reason === 'AlreadyExists';
}

/** The namespace is being deleted: creates are refused with cause NamespaceTerminating. */
export function isNamespaceTerminating(e: unknown): boolean {
  return e instanceof ApiError && (e.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Reads and writes of one type, always against the latest stored version. */
export class TypedClient<T extends StoredObject> {
  constructor(
    private readonly api: ResourceApi,
    private readonly store: ObjectStore,
    readonly def: ResourceDef,
  ) {}

  get(namespace: string | undefined, name: string): T | undefined {
    return this.store.get(this.def.storage, this.def.namespaced ? namespace : undefined, name) as T | undefined;
  }

  list(namespace?: string): T[] {
    return this.store.list(this.def.storage, namespace) as T[];
  }

  create(namespace: string | undefined, obj: KubeObject): T {
    return this.api.create(this.def, namespace, { ...obj, apiVersion: gvString(this.def), kind: this.def.kind }).object as T;
  }

  /** Applies `mutate` to a copy of the current object and writes it (no-op writes are skipped by the API). */
  update(current: T, mutate: (copy: T) => void): T {
    const latest = this.get(current.metadata.namespace, current.metadata.name);
    if (!latest || latest.metadata.uid !== current.metadata.uid) throw errors.notFound(this.def, current.metadata.name);
    const copy = clone(latest);
    mutate(copy);
    return this.api.update(this.def, latest.metadata.namespace, latest.metadata.name, copy).object as T;
  }

  /** Replaces the status of the current object. */
  updateStatus(current: T, status: unknown): T {
    const latest = this.get(current.metadata.namespace, current.metadata.name);
    if (!latest || latest.metadata.uid !== current.metadata.uid) throw errors.notFound(this.def, current.metadata.name);
    // The API copies what it is given before it changes anything: no copy needed here.
    const body = { ...latest, status } as T;
    return this.api.update(this.def, latest.metadata.namespace, latest.metadata.name, body, { subresource: 'status' }).object as T;
  }

  delete(obj: StoredObject, opts: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; gracePeriodSeconds?: number; uid?: string } = {}): void {
    this.api.delete(this.def, obj.metadata.namespace, obj.metadata.name, {
      ...(opts.propagationPolicy ? { propagationPolicy: opts.propagationPolicy } : {}),
      ...(opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}),
      preconditions: { uid: opts.uid ?? obj.metadata.uid },
    });
  }
}
