/**
 * Errors the real API server raises while decoding a body, before any validation: malformed quantities
 * and base64. They answer 400 BadRequest `<Kind> in version "<v>" cannot be handled as a <Kind>: <cause>`.
 */
import { errors } from '../../meta/errors.ts';
import { canonicalQuantity, QUANTITY_REGEX_ERROR } from './quantity.ts';
import { isObj, type Json } from './json.ts';

export interface TypeInfo {
  group: string;
  version: string;
  kind: string;
}

export class DecodeFailure {
  constructor(readonly type: TypeInfo) {}

  fail(cause: string): never {
    const { kind, version } = this.type;
    throw errors.badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${cause}`);
  }

  /** Rewrites every quantity of a ResourceList map in canonical form; `milli` rounds up to 1m (SetDefaults_ResourceList). */
  resourceList(list: unknown, milli = true): void {
    if (!isObj(list)) return;
    for (const [k, v] of Object.entries(list)) {
      if (v === null || v === undefined) continue;
      list[k] = this.quantity(v, milli);
    }
  }

  quantity(v: unknown, milli = false): string {
    const q = canonicalQuantity(v, milli);
    if (q === undefined) this.fail(QUANTITY_REGEX_ERROR);
    return q;
  }

  /** Canonicalizes an optional quantity field in place. */
  quantityField(o: Json, key: string, milli = false): void {
    if (o[key] !== undefined && o[key] !== null) o[key] = this.quantity(o[key], milli);
  }
}
