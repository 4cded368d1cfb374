import { fieldPatchMeta, isAtomicType } from '../patch/merge-keys.ts';
import type { Model, ModelProperty } from './catalog/parse-model.ts';
import { jsonFields, type GoFacts, type GoField } from './facts.ts';
import { indexSchemaNames, packageOf, parseModelName, schemaNameFor } from './schema-names.ts';
import { anyFields, specialSchemas } from './special-schemas.ts';
import { INT_OR_STRING, META, MICRO_TIME, QUANTITY, refName, refTo, TIME, type GroupVersionKind, type OpenApiSchema } from './types.ts';

/**
 * The component schemas of the built-in types, named as upstream names them and built on first use from
 * the generated client's models, restricted and enriched by the Go facts of Kubernetes 1.32 and the
 * patch metadata table.
 */
export interface BuiltinSchemas {
  /** A component schema by name (`io.k8s.api.apps.v1.Deployment`); undefined when unknown. */
  get(name: string): OpenApiSchema | undefined;
  /** The schema name of a top-level kind, e.g. `{group:'apps',version:'v1',kind:'Deployment'}`. */
  kindSchemaName(gvk: GroupVersionKind): string | undefined;
}

/** The Go package (without version) holding the types of an API group. */
export function packageForGroup(group: string): string {
  switch (group) {
    case '':
      return 'io.k8s.api.core';
    case 'apiextensions.k8s.io':
      return 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions';
    case 'apiregistration.k8s.io':
      return 'io.k8s.kube-aggregator.pkg.apis.apiregistration';
    case 'internal.apiserver.k8s.io':
      return 'io.k8s.api.apiserverinternal';
    case 'meta.k8s.io':
      return 'io.k8s.apimachinery.pkg.apis.meta';
    default:
      return `io.k8s.api.${group.split('.')[0]}`;
  }
}

const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

export function createBuiltinSchemas(models: ReadonlyMap<string, Model>, facts: GoFacts): BuiltinSchemas {
  const index = indexSchemaNames(facts.keys());
  const modelFor = new Map<string, Model>();
  for (const [modelName, model] of models) {
    const name = schemaNameFor(modelName, index);
    if (!name) continue;
    const existing = modelFor.get(name);
    // Where an unprefixed and a group-prefixed model claim one name, the prefixed one is exact.
    if (existing && parseModelName(existing.name)?.prefixPackage) continue;
    modelFor.set(name, model);
  }
  const cache = new Map<string, OpenApiSchema | null>();
  const roots = new Map<string, GroupVersionKind>();

  /** A reference from a type in `fromPackage` to a model, registering names the facts do not know. */
  const refToModel = (modelName: string, fromPackage: string): string | undefined => {
    const name = schemaNameFor(modelName, index, fromPackage);
    if (!name) return undefined;
    if (!modelFor.has(name) && !specialSchemas[name]) {
      const model = models.get(modelName);
      if (!model) return undefined;
      modelFor.set(name, model);
    }
    return name;
  };

  const typeSchema = (type: string, format: string, owner: Model, field: string, go: GoField | undefined, pkg: string): OpenApiSchema => {
    const special = anyFields[`${owner.name}.${field}`];
    if (special) return structuredClone(special);
    const array = ARRAY.exec(type);
    if (array) return { type: 'array', items: typeSchema(array[1]!, format, owner, field, go?.quantity === 'list' ? { ...go, quantity: 'value' } : undefined, pkg) };
    const map = MAP.exec(type);
    if (map) return { type: 'object', additionalProperties: typeSchema(map[1]!, format, owner, field, go?.quantity === 'map' ? { ...go, quantity: 'value' } : undefined, pkg) };
    switch (type) {
      case 'string':
        if (go?.quantity === 'value') return { $ref: refTo(QUANTITY) };
        return format && format !== 'int-or-string' ? { type: 'string', format } : { type: 'string' };
      case 'number':
        if (format === 'int32' || format === 'int64') return { type: 'integer', format };
        return format ? { type: 'number', format } : { type: 'number' };
      case 'boolean':
        return { type: 'boolean' };
      case 'Date':
        return { $ref: refTo(format === 'date-time-micro' ? MICRO_TIME : TIME) };
      case 'IntOrString':
        return { $ref: refTo(INT_OR_STRING) };
      case 'V1MicroTime':
        return { $ref: refTo(MICRO_TIME) };
      case 'any':
        return {};
      default: {
        const name = refToModel(type, pkg);
        return name ? { $ref: refTo(name) } : { type: 'object' };
      }
    }
  };

  const propertySchema = (owner: Model, schemaName: string, prop: ModelProperty, go: GoField | undefined): OpenApiSchema => {
    const base = typeSchema(prop.type, prop.format, owner, prop.name, go, packageOf(schemaName));
    let schema: OpenApiSchema;
    if (base.$ref) {
      // The client keeps no description for fields whose type is another model, or repeats the type's.
      const target = describe(refName(base.$ref));
      schema = prop.description && prop.description !== target ? { allOf: [base], description: prop.description } : { ...base, ...(target ? { description: target } : {}) };
    } else {
      schema = { ...base, ...(prop.description ? { description: prop.description } : {}) };
    }
    if (go?.enum && schema.type === 'string') schema.enum = [...go.enum];
    const meta = fieldPatchMeta(schemaName, prop.name);
    if (meta?.strategy) schema['x-kubernetes-patch-strategy'] = meta.strategy;
    if (meta?.mergeKey) schema['x-kubernetes-patch-merge-key'] = meta.mergeKey;
    if (meta?.listType) schema['x-kubernetes-list-type'] = meta.listType;
    if (meta?.listMapKeys) schema['x-kubernetes-list-map-keys'] = [...meta.listMapKeys];
    if (meta?.mapType ?? meta?.structType) schema['x-kubernetes-map-type'] = (meta.mapType ?? meta.structType)!;
    return schema;
  };

  const describe = (name: string | undefined): string | undefined => (name ? (specialSchemas[name]?.description ?? modelFor.get(name)?.description) : undefined);

  const build = (name: string): OpenApiSchema | undefined => {
    const special = specialSchemas[name];
    if (special) return structuredClone(special);
    const model = modelFor.get(name);
    if (!model) return undefined;
    const goFields = jsonFields(facts, name);
    const goByName = new Map(goFields?.map((f) => [f.json, f]));
    const properties: Record<string, OpenApiSchema> = {};
    const required: string[] = [];
    for (const prop of model.properties) {
      const go = goByName.get(prop.name);
      // Fields newer than 1.32 are left out; apiVersion and kind come from the embedded TypeMeta.
      if (goFields && !go && prop.name !== 'apiVersion' && prop.name !== 'kind') continue;
      properties[prop.name] = propertySchema(model, name, prop, go);
      if (go ? go.required : prop.required) required.push(prop.name);
    }
    const gvk = roots.get(name) ?? (name === `${META}.Status` ? { group: '', kind: 'Status', version: 'v1' } : undefined);
    return {
      ...(model.description ? { description: model.description } : {}),
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      ...(isAtomicType(name) ? { 'x-kubernetes-map-type': 'atomic' } : {}),
      ...(gvk ? { 'x-kubernetes-group-version-kind': [gvk] } : {}),
    };
  };

  const kindSchemaName = (gvk: GroupVersionKind): string | undefined => {
    const name = `${packageForGroup(gvk.group)}.${gvk.version}.${gvk.kind}`;
    if (!modelFor.has(name)) {
      const candidate = [...models.keys()].find((m) => {
        const p = parseModelName(m);
        return p && p.version === gvk.version && p.type === gvk.kind && schemaNameFor(m, index, packageForGroup(gvk.group)) === name;
      });
      if (!candidate) return undefined;
      modelFor.set(name, models.get(candidate)!);
    }
    if (!roots.has(name)) {
      roots.set(name, { group: gvk.group, kind: gvk.kind, version: gvk.version } as GroupVersionKind);
      cache.delete(name);
    }
    return name;
  };

  return {
    get(name) {
      let schema = cache.get(name);
      if (schema === undefined) {
        schema = build(name) ?? null;
        cache.set(name, schema);
      }
      return schema ?? undefined;
    },
    kindSchemaName,
  };
}
