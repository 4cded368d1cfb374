import type { ZodTypeAny } from 'zod';
import { authoredCheckSchema, checkKinds, checkSchemaByKind } from '../../schemas/check.ts';

/**
 * A check is validated by the schema of its one kind; tells the frontmatter checker which, so a
 * mistake inside `checks[2].object` lists the object check's fields.
 */
export function narrowCheck(schema: ZodTypeAny, value: unknown): ZodTypeAny | undefined {
  if (schema !== authoredCheckSchema || typeof value !== 'object' || value === null) return undefined;
  const kinds = checkKinds.filter((k) => k in value);
  return kinds.length === 1 ? checkSchemaByKind[kinds[0]!] : undefined;
}
