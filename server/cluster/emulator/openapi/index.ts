/** OpenAPI v3 for the emulator, and the schemas behind unknown-field checks and schema-driven patches. */
export { createOpenApiService, type OpenApiDocument, type OpenApiOptions, type OpenApiService } from './service.ts';
export { createSchemaProvider, defaultBuiltinSchemas, typeForObject, type SchemaProvider, type TypeSchema } from './schema-provider.ts';
export type { GroupVersionKind, OpenApiSchema } from './types.ts';
