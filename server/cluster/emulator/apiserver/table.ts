import type { StoredObject } from '../meta/types.ts';
import type { PrintContext, TablePrinter } from '../printers/types.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  version: 'v1' | 'v1beta1';
  includeObject: IncludeObject;
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
  /** Leave out columnDefinitions (kube-apiserver does so for every watch event after the first). */
  noHeaders?: boolean;
}

/** A `meta.k8s.io` Table of objects, as kube-apiserver answers `Accept: …;as=Table`. */
export function buildTable(printer: TablePrinter, objects: StoredObject[], ctx: PrintContext, opts: TableOptions): unknown {
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.version}`,
    metadata: {
      resourceVersion: opts.resourceVersion,
      ...(opts.continueToken ? { continue: opts.continueToken } : {}),
      ...(opts.remainingItemCount !== undefined ? { remainingItemCount: opts.remainingItemCount } : {}),
    },
    columnDefinitions: opts.noHeaders ? null : printer.columns,
    rows: objects.map((obj) => ({
      cells: printer.cells(obj, ctx),
      object: rowObject(obj, opts.includeObject, opts.version),
    })),
  };
}

function rowObject(obj: StoredObject, include: IncludeObject, version: string): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}
