/** The CustomResourceDefinitions of EKS's own add-ons, present in every EKS cluster (data: `eks-crds.yaml`). */
import type { KubeObject } from '../meta/types.ts';
import { DataError, loadYaml } from '../node-sim/data-file.ts';

interface CrdEntry {
  name: string;
  group: string;
  version: string;
  scope: 'Cluster' | 'Namespaced';
  kind: string;
  plural: string;
  shortNames?: string[];
  printerColumns?: { name: string; type: string; jsonPath: string; description?: string }[];
  schema: Record<string, unknown>;
}

function check(raw: unknown, file: string): CrdEntry[] {
  if (!Array.isArray(raw)) throw new DataError(file, '(root)', 'expected a list of CRDs');
  for (const [i, e] of (raw as CrdEntry[]).entries()) {
    for (const key of ['name', 'group', 'version', 'scope', 'kind', 'plural', 'schema'] as const) {
      if (!e[key]) throw new DataError(file, `[${i}]`, `${key} is required`);
    }
    if (e.name !== `${e.plural}.${e.group}`) throw new DataError(file, e.name, `the name must be <plural>.<group> (${e.plural}.${e.group})`);
  }
  return raw as CrdEntry[];
}

export function eksCustomResourceDefinitions(): KubeObject[] {
  return loadYaml(new URL('./eks-crds.yaml', import.meta.url), check).map((e) => {
    return {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: e.name },
      spec: {
        group: e.group,
        names: {
          kind: e.kind,
          listKind: `${e.kind}List`,
          plural: e.plural,
          singular: e.kind.toLowerCase(),
          ...(e.shortNames ? { shortNames: e.shortNames } : {}),
        },
        scope: e.scope,
        versions: [
          {
            name: e.version,
            served: true,
            storage: true,
            schema: { openAPIV3Schema: e.schema },
            ...(e.printerColumns ? { additionalPrinterColumns: e.printerColumns } : {}),
          },
        ],
      },
    };
  });
}
