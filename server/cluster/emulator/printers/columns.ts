/** Building column definitions the way upstream declares them, and the cells every kind shares. */
import type { StoredObject } from '../meta/types.ts';
import { translateTimestampSince } from './duration.ts';
import { doc, type DocKey } from './swagger-docs.ts';
import type { ColumnDefinition, PrintContext } from './types.ts';

/** A column; `description` is either a field-documentation key or upstream's literal text. */
export function col(name: string, type: string, description: DocKey | (string & {}), opts: { priority?: number; format?: string } = {}): ColumnDefinition {
  const text = description in doc ? doc[description as DocKey] : description;
  return { name, type, format: opts.format ?? '', description: text, priority: opts.priority ?? 0 };
}

export const wide = { priority: 1 };

export const nameColumn = (): ColumnDefinition => col('Name', 'string', 'meta_v1.ObjectMeta.name', { format: 'name' });
export const ageColumn = (): ColumnDefinition => col('Age', 'string', 'meta_v1.ObjectMeta.creationTimestamp');

/** The wide `Containers` and `Images` columns of the workload kinds. */
export const containerColumns = (): ColumnDefinition[] => [
  col('Containers', 'string', 'Names of each container in the template.', wide),
  col('Images', 'string', 'Images referenced by each container in the template.', wide),
];

/** The AGE cell: time since `metadata.creationTimestamp`. */
export const age = (obj: StoredObject, ctx: PrintContext): string => translateTimestampSince(obj.metadata.creationTimestamp, ctx.now);
