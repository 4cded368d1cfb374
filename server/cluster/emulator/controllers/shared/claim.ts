/**
 * ControllerRef management (upstream's ControllerRefManager): a controller owns the objects that name it
 * as controller and match its selector; it adopts matching orphans and releases owned objects that no
 * longer match. Adoption and release are metadata-only updates.
 */
import type { Selector } from '../../meta/selectors.ts';
import { matches } from '../../meta/selectors.ts';
import { ignoreNotFound, isNotFound, type TypedClient } from './api.ts';
import { controllerOf, controllerRef, isDeleting } from './objects.ts';
import type { StoredObject } from './types.ts';

export interface ClaimOptions {
  /** Finalizers an adopted object gets too (the Job controller's tracking finalizer). */
  finalizers?: string[];
}

export function claim<T extends StoredObject>(
  client: TypedClient<T>,
  owner: StoredObject,
  selector: Selector,
  candidates: T[],
  opts: ClaimOptions = {},
): T[] {
  const claimed: T[] = [];
  const ownerDeleting = isDeleting(owner);
  for (const obj of candidates) {
    const ref = controllerOf(obj);
    const matching = matches(selector, obj.metadata.labels);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matching) {
        claimed.push(obj);
        continue;
      }
      if (ownerDeleting) continue;
      release(client, owner, obj);
      continue;
    }
    if (ownerDeleting || !matching || isDeleting(obj)) continue;
    if (obj.metadata.namespace !== owner.metadata.namespace) continue;
    const adopted = adopt(client, owner, obj, opts);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

function adopt<T extends StoredObject>(client: TypedClient<T>, owner: StoredObject, obj: T, opts: ClaimOptions): T | undefined {
  try {
    return client.update(obj, (o) => {
      o.metadata.ownerReferences = [...(o.metadata.ownerReferences ?? []), controllerRef(owner)];
      for (const f of opts.finalizers ?? []) {
        if (!(o.metadata.finalizers ?? []).includes(f)) o.metadata.finalizers = [...(o.metadata.finalizers ?? []), f];
      }
    });
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

function release<T extends StoredObject>(client: TypedClient<T>, owner: StoredObject, obj: T): void {
  ignoreNotFound(() =>
    client.update(obj, (o) => {
      const refs = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
      if (refs.length > 0) o.metadata.ownerReferences = refs;
      else delete o.metadata.ownerReferences;
    }),
  );
}
