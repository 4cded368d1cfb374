import { realClock, type Clock } from '../clock.ts';
import { ApiError, errors } from '../meta/errors.ts';
import { formatTime } from '../meta/time.ts';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import { SchemaNode } from '../openapi/schema-nav.ts';
import { createSchemaProvider, typeForObject, type SchemaProvider } from '../openapi/schema-provider.ts';
import { gvString, type ResourceDef } from '../registry/types.ts';
import { serverSideApply } from './apply.ts';
import type { SchemaPatches } from './patcher.ts';
import { strategicMergePatch, StrategicMergeError } from './strategic-merge.ts';

export interface SchemaPatchOptions {
  /** Schemas of the served types; defaults to the built-in ones plus each CRD's. */
  provider?: SchemaProvider;
  /** Time recorded in managedFields. */
  clock?: Clock;
}

/** Patch types upstream accepts for custom resources, in the order its 415 message lists them. */
const CUSTOM_RESOURCE_PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];

/**
 * Strategic merge patch and server-side apply for `createPatcher`, driven by the schemas `/openapi/v3`
 * serves: patch strategies and merge keys for built-in types, list types for both built-ins and CRDs.
 */
export function createSchemaPatches(options: SchemaPatchOptions = {}): SchemaPatches {
  const provider = options.provider ?? createSchemaProvider();
  const clock = options.clock ?? realClock;
  return {
    strategicMerge(def: ResourceDef, current: StoredObject, patch: Record<string, unknown>): KubeObject {
      if (def.custom) {
        // Custom resources have no patch metadata: upstream refuses the media type.
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: ${CUSTOM_RESOURCE_PATCH_TYPES.join(', ')}`,
        );
      }
      const type = typeForObject(provider, def, current);
      try {
        return strategicMergePatch(current, patch, type ? SchemaNode.root(type) : undefined) as KubeObject;
      } catch (e) {
        if (!(e instanceof StrategicMergeError)) throw e;
        if (e.kind === 'badRequest') throw errors.badRequest(e.message);
        if (e.kind === 'invalid') throw new ApiError(422, 'Invalid', e.message);
        throw new ApiError(500, 'InternalError', e.message);
      }
    },
    apply(def: ResourceDef, current: StoredObject | undefined, patch: Record<string, unknown>, manager: string, force: boolean): KubeObject {
      const type = typeForObject(provider, def, current ?? patch);
      if (!type) throw errors.internal(`no schema for ${gvString(def)}, Kind=${def.kind}`);
      const statusSubresource = def.subresources?.some((s) => s.name === 'status') ?? false;
      return serverSideApply({
        type,
        live: current,
        config: patch,
        manager,
        force,
        apiVersion: typeof patch.apiVersion === 'string' ? patch.apiVersion : gvString(def),
        now: formatTime(clock.now()),
        statusSubresource,
      });
    },
  };
}
