/** The API server's default table (`rest.NewDefaultTableConvertor`), for kinds without a printer: Roles, ClusterRoles, CRDs, LimitRanges… */
import { col, nameColumn } from './columns.ts';
import { parseTimestamp } from './duration.ts';
import type { TablePrinter } from './types.ts';

/** `creationTimestamp` in UTC as RFC 3339 with whole seconds; Go's zero time when unset. */
function createdAt(value: unknown): string {
  const t = parseTimestamp(value);
  if (t === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const defaultPrinter: TablePrinter = {
  columns: [nameColumn(), col('Created At', 'date', 'meta_v1.ObjectMeta.creationTimestamp')],
  cells: (obj) => [obj.metadata.name, createdAt(obj.metadata.creationTimestamp)],
};
