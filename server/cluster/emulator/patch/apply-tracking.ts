import { realClock, type Clock } from '../clock.ts';
import { formatTime } from '../meta/time.ts';
import type { KubeObject } from '../meta/types.ts';
import { createSchemaProvider, typeForObject, type SchemaProvider } from '../openapi/schema-provider.ts';
import { gvString, type ResourceDef } from '../registry/types.ts';
import type { ManagedFieldsEntry } from './apply-managed-fields.ts';
import { trackUpdate } from './apply.ts';

/** Records field ownership for writes that are not applies, so that applies can conflict with them. */
export interface ManagedFieldsTracker {
  /**
   * The `metadata.managedFields` to store with `next` after a create (old undefined), update or
   * non-apply patch by `manager`; call it with the object as it will be stored (after defaulting).
   * Undefined when the type has no schema (leave managedFields as they are).
   */
  update(def: ResourceDef, old: KubeObject | undefined, next: KubeObject, manager: string, subresource?: string): ManagedFieldsEntry[] | undefined;
}

export function createManagedFieldsTracker(options: { provider?: SchemaProvider; clock?: Clock } = {}): ManagedFieldsTracker {
  const provider = options.provider ?? createSchemaProvider();
  const clock = options.clock ?? realClock;
  return {
    update(def, old, next, manager, subresource) {
      const type = typeForObject(provider, def, next);
      if (!type) return undefined;
      return trackUpdate({
        type,
        old,
        next,
        manager,
        apiVersion: typeof next.apiVersion === 'string' && next.apiVersion ? next.apiVersion : gvString(def),
        now: formatTime(clock.now()),
        statusSubresource: def.subresources?.some((s) => s.name === 'status') ?? false,
        ...(subresource ? { subresource } : {}),
      });
    },
  };
}
