/** Custom resources: the CRD version's `additionalPrinterColumns`, as apiextensions-apiserver's table convertor prints them. */
import type { StoredObject } from '../meta/types.ts';
import { nameColumn } from './columns.ts';
import { humanDuration } from './duration.ts';
import { goPrint } from './gofmt.ts';
import { evaluate, parseJsonPath } from './jsonpath.ts';
import { doc } from './swagger-docs.ts';
import type { Cell, ColumnDefinition, PrintContext, TablePrinter } from './types.ts';

/** `apiextensions.k8s.io/v1 CustomResourceColumnDefinition`. */
export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** Served when a version declares no columns (`serveDefaultColumnsIfEmpty`). */
const DEFAULT_COLUMNS: PrinterColumn[] = [{ name: 'Age', type: 'date', description: doc['meta_v1.ObjectMeta.creationTimestamp'], jsonPath: '.metadata.creationTimestamp' }];

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** `cellForJSONValue`: a typed cell, or null when the value does not fit the column type. */
function typedCell(type: string, value: unknown, now: number): Cell {
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      if (value === '' || value === 'null') return '<unknown>';
      if (!RFC3339.test(value)) return '<invalid>';
      return humanDuration(now - Date.parse(value));
    }
    default:
      return null;
  }
}

/**
 * The printer for a custom resource version. Columns follow the CRD (Name first, then each declared column, with the
 * default description `Custom resource definition column (in JSONPath format): <path>`); a column whose path does not
 * parse is dropped with the ones after it, as upstream falls back at the first bad one.
 */
export function customResourcePrinter(additionalPrinterColumns?: PrinterColumn[] | null): TablePrinter {
  const declared = additionalPrinterColumns?.length ? additionalPrinterColumns : DEFAULT_COLUMNS;
  const columns: ColumnDefinition[] = [nameColumn()];
  const paths: ReturnType<typeof parseJsonPath>[] = [];
  for (const c of declared) {
    let path;
    try {
      path = parseJsonPath(c.jsonPath);
    } catch {
      break;
    }
    paths.push(path);
    const description = c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`;
    columns.push({ name: c.name, type: c.type, format: c.format ?? '', description, priority: c.priority ?? 0 });
  }
  return {
    columns,
    cells(obj: StoredObject, ctx: PrintContext): Cell[] {
      const cells: Cell[] = [obj.metadata.name];
      paths.forEach((path, i) => {
        const found = evaluate(path, obj);
        if (!found.length) return cells.push(null);
        const value = found[0];
        return cells.push(columns[i + 1]!.type === 'string' ? goPrint(value) : typedCell(columns[i + 1]!.type, value, ctx.now));
      });
      return cells;
    },
  };
}
