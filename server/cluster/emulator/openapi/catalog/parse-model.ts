/**
 * Reads one model of `@kubernetes/client-node` (an OpenAPI-Generator TypeScript client built from the
 * upstream Kubernetes spec): the field table of its `.js` file and the descriptions and required-ness
 * of its `.d.ts` file. Pure: the caller reads the files.
 */

/** One property as the generated client describes it. */
export interface ModelProperty {
  /** The JSON name. */
  name: string;
  /** The client's TypeScript type: `string`, `number`, `Date`, `Array<V1Container>`, `{ [key: string]: string; }`, `V1ObjectMeta`… */
  type: string;
  /** OpenAPI format: `int32`, `int64`, `date-time`, `byte`, `int-or-string`… or empty. */
  format: string;
  description?: string;
  required: boolean;
}

export interface Model {
  /** The client's class name, e.g. `V1DeploymentSpec`. */
  name: string;
  description?: string;
  properties: ModelProperty[];
}

const TYPE_MAP = /attributeTypeMap\s*=\s*(\[[\s\S]*?\]);/;

/** Parses `X.attributeTypeMap = [...]` out of a model's JavaScript. */
export function parseAttributeTypeMap(js: string): { name: string; baseName: string; type: string; format: string }[] {
  const m = TYPE_MAP.exec(js);
  if (!m) return [];
  const entries = JSON.parse(m[1]!) as { name: string; baseName: string; type: string; format?: string }[];
  return entries.map((e) => ({ name: e.name, baseName: e.baseName, type: e.type, format: e.format ?? '' }));
}

interface Declarations {
  classDescription?: string;
  fields: Map<string, { description?: string; required: boolean }>;
}

/** Parses the JSDoc comments and optional markers of a model's `.d.ts`. */
export function parseDeclarations(dts: string): Declarations {
  const fields = new Map<string, { description?: string; required: boolean }>();
  let classDescription: string | undefined;
  // Comments are matched whole, so quotes inside them are never taken for declarations.
  const re = /\/\*\*([\s\S]*?)\*\/|(export declare class \w+)|^\s*'([^']+)'(\?)?:|([;{}])/gm;
  let pending: string | undefined;
  for (let m = re.exec(dts); m; m = re.exec(dts)) {
    if (m[1] !== undefined) {
      pending = cleanComment(m[1]);
    } else if (m[2] !== undefined) {
      classDescription = pending;
      pending = undefined;
    } else if (m[3] !== undefined) {
      fields.set(m[3], { ...(pending ? { description: pending } : {}), required: m[4] !== '?' });
      pending = undefined;
    } else {
      pending = undefined;
    }
  }
  return { ...(classDescription ? { classDescription } : {}), fields };
}

/** Joins the lines of a JSDoc comment and undoes the generator's string escaping. */
function cleanComment(body: string): string | undefined {
  const text = body
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
  if (!text) return undefined;
  try {
    return JSON.parse(`"${text.replace(/\\'/g, "'").replace(/\n/g, '\\n')}"`) as string;
  } catch {
    return text.replace(/\\(["'])/g, '$1');
  }
}

/** Combines the two halves of one model. */
export function parseModel(name: string, js: string, dts: string): Model {
  const decl = parseDeclarations(dts);
  const properties = parseAttributeTypeMap(js).map((a) => {
    // Declarations use the TypeScript name (`_continue`), the wire uses the base name (`continue`).
    const d = decl.fields.get(a.name);
    return {
      name: a.baseName,
      type: a.type,
      format: a.format,
      ...(d?.description ? { description: d.description } : {}),
      required: d?.required ?? false,
    };
  });
  return { name, ...(decl.classDescription ? { description: decl.classDescription } : {}), properties };
}
