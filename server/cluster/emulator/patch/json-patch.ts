// The package's main file is accompanied by its TypeScript source, which tsx would load instead; use its ES module build.
import { applyPatch, JsonPatchError, type Operation } from 'fast-json-patch/index.mjs';
import { errors } from '../meta/errors.ts';

/** RFC 6902 JSON patch. A failed `test` answers 422 and a bad operation 400, as kube-apiserver does. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw errors.badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  try {
    return applyPatch(structuredClone(target), ops as Operation[], true, false).newDocument;
  } catch (e) {
    if (e instanceof JsonPatchError) {
      if (e.name === 'TEST_OPERATION_FAILED') throw errors.invalid('', '', '', [{ field: '', reason: 'FieldValueInvalid', message: 'testing value failed' }]);
      throw errors.badRequest(`the server rejected our request due to an error in our request: ${e.message.split('\n')[0]}`);
    }
    throw e;
  }
}
