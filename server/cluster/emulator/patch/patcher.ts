import { errors } from '../meta/errors.ts';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import type { ResourceDef } from '../registry/types.ts';
import type { Patcher, PatchRequest } from '../apiserver/pieces.ts';
import { jsonPatch } from './json-patch.ts';
import { isObject, mergePatch } from './merge-patch.ts';

/** Strategic merge and server-side apply, which need the type's schema, plug in here. */
export interface SchemaPatches {
  strategicMerge(def: ResourceDef, current: StoredObject, patch: Record<string, unknown>): KubeObject;
  apply(def: ResourceDef, current: StoredObject | undefined, patch: Record<string, unknown>, manager: string, force: boolean): KubeObject;
}

export function createPatcher(schemaPatches?: SchemaPatches): Patcher {
  return {
    apply(def: ResourceDef, current: StoredObject | undefined, request: PatchRequest): KubeObject {
      switch (request.type) {
        case 'application/json-patch+json':
          return jsonPatch(current, request.patch) as KubeObject;
        case 'application/merge-patch+json':
          if (!isObject(request.patch)) throw errors.badRequest('json: cannot unmarshal into Go value of type map[string]interface {}');
          return mergePatch(current, request.patch) as KubeObject;
        case 'application/strategic-merge-patch+json':
          if (!schemaPatches) throw errors.unsupportedMediaType(request.type, ['application/json-patch+json', 'application/merge-patch+json']);
          if (!isObject(request.patch)) throw errors.badRequest('json: cannot unmarshal into Go value of type map[string]interface {}');
          return schemaPatches.strategicMerge(def, current!, request.patch);
        case 'application/apply-patch+yaml':
          if (!schemaPatches) throw errors.unsupportedMediaType(request.type, ['application/json-patch+json', 'application/merge-patch+json']);
          if (!isObject(request.patch)) throw errors.badRequest('error decoding YAML: the apply patch must be an object');
          if (!request.fieldManager) throw errors.badRequest('PATCH /apply requires a non-empty fieldManager');
          return schemaPatches.apply(def, current, request.patch, request.fieldManager, request.force ?? false);
        default:
          throw errors.unsupportedMediaType(String(request.type), ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']);
      }
    },
  };
}
