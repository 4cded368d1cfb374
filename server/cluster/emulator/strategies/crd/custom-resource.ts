/**
 * Objects of a CustomResourceDefinition's kinds, as apiextensions-apiserver stores them: fields the
 * structural schema does not declare are pruned (kept under `x-kubernetes-preserve-unknown-fields`),
 * schema `default`s filled in, and the object validated against the schema. The generation counts spec
 * changes when the status subresource is on, and any change besides metadata otherwise.
 */
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import type { FieldError } from '../shared/errors.ts';
import { isObj, type Json } from '../shared/json.ts';
import { applyDefaults, prune, validateSchema } from './schema.ts';

const ENVELOPE = new Set(['apiVersion', 'kind', 'metadata']);

/** The object without apiVersion, kind and metadata: what the schema checks. */
function body(obj: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) if (!ENVELOPE.has(k)) out[k] = v;
  return out;
}

export function customResourceStrategy({ def }: KindContext): Strategy {
  const schema = def.custom?.schema;
  const hasStatus = def.subresources?.some((s) => s.name === 'status') ?? false;
  const structural = isObj(schema) ? schema : undefined;
  return {
    statusSubresource: hasStatus,
    tracksGeneration: true,
    defaults(obj) {
      if (!structural) return;
      prune(obj, structural, true);
      applyDefaults(obj, structural);
    },
    validate(obj): FieldError[] {
      if (!structural) return [];
      const props = isObj(structural.properties) ? structural.properties : {};
      const trimmed: Json = { ...structural, properties: Object.fromEntries(Object.entries(props).filter(([k]) => !ENVELOPE.has(k))) };
      if (Array.isArray(structural.required)) trimmed.required = structural.required.filter((k) => !ENVELOPE.has(String(k)));
      return validateSchema(body(obj as unknown as Json), trimmed, '');
    },
  };
}
