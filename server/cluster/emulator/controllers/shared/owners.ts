/** Which controllers a change of an object they own concerns, as upstream's handlers for owned objects find them. */
import { fromLabelSelector, matches, type LabelSelectorObject } from '../../meta/selectors.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { controllerOf, key, objectKey } from './objects.ts';
import type { StoredObject } from './types.ts';

type Selecting = StoredObject & { spec?: { selector?: LabelSelectorObject } };

/**
 * Keys of the `kind` controllers to sync after a change of an owned object: its controller before and after
 * the change and, for an orphan that still exists, each of `candidates(namespace)` whose non-empty selector
 * matches it (any of them may adopt it).
 */
export function ownerKeys(e: StoreEvent, kind: string, candidates: (namespace: string | undefined) => Selecting[]): string[] {
  const ns = e.object.metadata.namespace;
  const refs = [controllerOf(e.object), controllerOf(e.previous)];
  const keys: string[] = [];
  for (const ref of refs) if (ref?.kind === kind) keys.push(key(ns, ref.name));
  if (!refs[0] && e.type !== 'DELETED') {
    for (const c of candidates(ns)) {
      const sel = fromLabelSelector(c.spec?.selector);
      if (sel && sel.length > 0 && matches(sel, e.object.metadata.labels)) keys.push(objectKey(c));
    }
  }
  return keys;
}
