import type { SchemaCheck } from '../apiserver/pieces.ts';
import { createSchemaProvider, typeForObject, type SchemaProvider } from '../openapi/schema-provider.ts';
import { firstConversionError, firstTypeError } from './type-errors.ts';
import { pruneUnknownFields, unknownFieldPaths } from './unknown-fields.ts';

/**
 * The API server's `SchemaCheck`, driven by the same schemas `/openapi/v3` serves: the built-in types'
 * and, for custom resources, their CRD's `openAPIV3Schema`. Types without a schema accept everything.
 */
export function createSchemaCheck(provider: SchemaProvider = createSchemaProvider()): SchemaCheck {
  return {
    unknownFields(def, obj) {
      const type = typeForObject(provider, def, obj);
      return type ? unknownFieldPaths(type, obj) : [];
    },
    typeError(def, obj) {
      const type = typeForObject(provider, def, obj);
      return type ? firstTypeError(type, obj) : undefined;
    },
    conversionError(def, obj) {
      const type = typeForObject(provider, def, obj);
      return type ? firstConversionError(type, obj) : undefined;
    },
    prune(def, obj) {
      const type = typeForObject(provider, def, obj);
      return type ? pruneUnknownFields(type, obj) : [];
    },
  };
}
