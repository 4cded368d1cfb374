import type { Verb } from '../apiserver/request-info.ts';
import type { StoredObject } from '../meta/types.ts';
import type { ResourceDef, SubresourceDef } from '../registry/types.ts';

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: unknown };
  subresources?: { status?: object; scale?: { specReplicasPath?: string } };
  additionalPrinterColumns?: { name: string; type: string; format?: string; description?: string; priority?: number; jsonPath: string }[];
}

export interface CrdSpec {
  group: string;
  scope: 'Namespaced' | 'Cluster';
  names: { plural: string; singular?: string; kind: string; listKind?: string; shortNames?: string[]; categories?: string[] };
  versions: CrdVersion[];
}

const ALL: Verb[] = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

/** The resource types a CustomResourceDefinition serves: one per served version. */
export function definitionsOf(crd: StoredObject): ResourceDef[] {
  const spec = (crd as unknown as { spec?: CrdSpec }).spec;
  if (!spec?.names?.plural || !spec.names.kind || !spec.group) return [];
  return (spec.versions ?? [])
    .filter((v) => v.served !== false)
    .map((v) => {
      const subresources: SubresourceDef[] = [];
      if (v.subresources?.status) subresources.push({ name: 'status', verbs: ['get', 'patch', 'update'] });
      if (v.subresources?.scale) {
        subresources.push({ name: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] });
      }
      return {
        group: spec.group,
        version: v.name,
        kind: spec.names.kind,
        resource: spec.names.plural,
        singular: spec.names.singular || spec.names.kind.toLowerCase(),
        namespaced: spec.scope !== 'Cluster',
        verbs: ALL,
        ...(spec.names.shortNames?.length ? { shortNames: spec.names.shortNames } : {}),
        ...(spec.names.categories?.length ? { categories: spec.names.categories } : {}),
        ...(subresources.length ? { subresources } : {}),
        storage: { group: spec.group, resource: spec.names.plural },
        custom: {
          ...(v.schema?.openAPIV3Schema ? { schema: v.schema.openAPIV3Schema } : {}),
          ...(v.additionalPrinterColumns ? { additionalPrinterColumns: v.additionalPrinterColumns } : {}),
          crdName: crd.metadata.name,
        },
      } satisfies ResourceDef;
    });
}
