import { APIEXT, FIELDS_V1, META, INT_OR_STRING, MICRO_TIME, QUANTITY, RAW_EXTENSION, refTo, TIME, type OpenApiSchema } from './types.ts';

const ref = (name: string): OpenApiSchema => ({ $ref: refTo(name) });

/**
 * Types with their own JSON encoding, which the generated client flattens to strings, numbers or `any`.
 * Shapes as upstream publishes them in OpenAPI v3; descriptions are the emulator's own.
 */
export const specialSchemas: Readonly<Record<string, OpenApiSchema>> = {
  [QUANTITY]: {
    description: 'A fixed-point number with an optional SI or binary suffix, such as "500m", "2", "1.5Gi" or "1e3".',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
  [INT_OR_STRING]: {
    description: 'Either an integer or a string; a JSON number or a JSON string.',
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
  [TIME]: {
    description: 'A point in time, serialized as an RFC 3339 string with whole seconds.',
    type: 'string',
    format: 'date-time',
  },
  [MICRO_TIME]: {
    description: 'A point in time with microsecond precision, serialized as an RFC 3339 string.',
    type: 'string',
    format: 'date-time',
  },
  [FIELDS_V1]: {
    description: 'A set of fields, encoded as a trie of "f:<name>", "k:<keys>", "v:<value>" and "i:<index>" keys.',
    type: 'object',
  },
  [RAW_EXTENSION]: {
    description: 'An embedded object kept in its serialized form.',
    type: 'object',
  },
  [`${META}.Patch`]: {
    description: 'The body of a PATCH request: a JSON patch, a merge patch, a strategic merge patch or an apply configuration.',
    type: 'object',
  },
  [`${APIEXT}.JSON`]: {
    description: 'Any JSON value: a boolean, number, string, array, object or null.',
  },
  [`${APIEXT}.JSONSchemaPropsOrArray`]: {
    description: 'Either one JSONSchemaProps or an array of them.',
  },
  [`${APIEXT}.JSONSchemaPropsOrBool`]: {
    description: 'Either a JSONSchemaProps or a boolean.',
  },
  [`${APIEXT}.JSONSchemaPropsOrStringArray`]: {
    description: 'Either a JSONSchemaProps or an array of strings.',
  },
  [`${APIEXT}.CustomResourceSubresourceStatus`]: {
    description: 'Enables the status subresource of a custom resource; it has no fields.',
    type: 'object',
  },
};

/** Fields the generated client types as `any`, with the schema their Go type has. */
export const anyFields: Readonly<Record<string, OpenApiSchema>> = {
  'V1ControllerRevision.data': ref(RAW_EXTENSION),
  'V1WatchEvent.object': ref(RAW_EXTENSION),
  'V1ManagedFieldsEntry.fieldsV1': ref(FIELDS_V1),
  'V1CustomResourceSubresources.status': ref(`${APIEXT}.CustomResourceSubresourceStatus`),
  'V1JSONSchemaProps.default': ref(`${APIEXT}.JSON`),
  'V1JSONSchemaProps.example': ref(`${APIEXT}.JSON`),
  'V1JSONSchemaProps.enum': { type: 'array', items: ref(`${APIEXT}.JSON`) },
  'V1JSONSchemaProps.items': ref(`${APIEXT}.JSONSchemaPropsOrArray`),
  'V1JSONSchemaProps.additionalItems': ref(`${APIEXT}.JSONSchemaPropsOrBool`),
  'V1JSONSchemaProps.additionalProperties': ref(`${APIEXT}.JSONSchemaPropsOrBool`),
  'V1JSONSchemaProps.dependencies': { type: 'object', additionalProperties: ref(`${APIEXT}.JSONSchemaPropsOrStringArray`) },
};
