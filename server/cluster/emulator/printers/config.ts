/** ConfigMaps, Secrets and ServiceAccounts: counts of keys and secrets. */
import { age, ageColumn, col, nameColumn } from './columns.ts';
import { count, str } from './fields.ts';
import type { TablePrinter } from './types.ts';

export const configMapPrinter: TablePrinter = {
  columns: [nameColumn(), col('Data', 'string', 'core_v1.ConfigMap.data'), ageColumn()],
  cells: (cm, ctx) => [cm.metadata.name, count(cm.data) + count(cm.binaryData), age(cm, ctx)],
};

export const secretPrinter: TablePrinter = {
  columns: [nameColumn(), col('Type', 'string', 'core_v1.Secret.type'), col('Data', 'string', 'core_v1.Secret.data'), ageColumn()],
  cells: (s, ctx) => [s.metadata.name, str(s.type), count(s.data), age(s, ctx)],
};

export const serviceAccountPrinter: TablePrinter = {
  columns: [nameColumn(), col('Secrets', 'string', 'core_v1.ServiceAccount.secrets'), ageColumn()],
  cells: (sa, ctx) => [sa.metadata.name, count(sa.secrets), age(sa, ctx)],
};
