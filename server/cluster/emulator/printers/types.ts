import type { StoredObject } from '../meta/types.ts';

/** `meta.k8s.io/v1 TableColumnDefinition`. */
export interface ColumnDefinition {
  name: string;
  /** OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  /** OpenAPI format: name, date, int32… or empty. */
  format: string;
  description: string;
  /** 0: always shown; 1: only with `-o wide`. */
  priority: number;
}

/** `meta.k8s.io/v1 TableRowCondition`: upstream marks finished pods with `Completed`. */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface PrintContext {
  /** Current time in ms (from the cluster's clock), for AGE and durations. */
  now: number;
}

export type Cell = string | number | boolean | null;

/**
 * How one kind prints as table rows: upstream's column handlers for `kubectl get`.
 * Like kube-apiserver, printers always produce the wide cells; kubectl hides priority-1 columns itself.
 */
export interface TablePrinter {
  columns: ColumnDefinition[];
  /** One row's cells, in column order: strings, numbers, booleans, or null for an empty cell. */
  cells(obj: StoredObject, ctx: PrintContext): Cell[];
  /** The row's `conditions`, when upstream sets any (pods that have finished). */
  conditions?(obj: StoredObject): TableRowCondition[] | undefined;
}
