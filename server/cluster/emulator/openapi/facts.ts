/**
 * Facts about the Go types of Kubernetes 1.32 that the generated client does not carry: which fields exist
 * in that release, which are pointers, which are always serialized, which hold Quantities, enum values,
 * inlined structs and protobuf field names. Data: `data/go-facts-1.32.json`, written by
 * `tools/extract-go-facts.mjs` from the release-1.32 sources. Keyed by OpenAPI schema name.
 *
 * Each field is one string: `json[*][!][?][=proto][^InlinedType][@Q|@QM|@QL][{enum|values}]`:
 * `*` pointer, `!` no `omitempty` (always serialized), `?` marked `+optional` although always serialized, `=proto` protobuf field name when it differs,
 * `^Type` a struct inlined into its parent's JSON (the JSON name is then empty), `@Q` a Quantity,
 * `@QM` a map of Quantities, `@QL` a list of them, `{…}` the values of an `+enum` string type.
 */
export interface GoField {
  /** JSON name; empty for an inlined struct. */
  json: string;
  /** Protobuf field name (equal to `json` unless the struct tag says otherwise). */
  proto: string;
  pointer: boolean;
  /** Serialized even when zero (no `omitempty`). */
  always: boolean;
  /** Required in OpenAPI: no `omitempty` and no `+optional` marker. */
  required: boolean;
  inline?: string;
  quantity?: 'value' | 'map' | 'list';
  enum?: string[];
}

export type GoFacts = ReadonlyMap<string, readonly GoField[]>;

const FIELD = /^([\w$-]*)(\*?)(!?)(\??)(?:=(\w+))?(?:\^([\w.-]+))?(?:@(QM|QL|Q))?(?:\{([^}]*)\})?$/;

export function parseGoField(entry: string): GoField {
  const m = FIELD.exec(entry);
  if (!m) throw new Error(`go-facts: cannot parse field entry ${JSON.stringify(entry)}`);
  const [, json = '', ptr, always, optional, proto, inline, q, enumList] = m;
  return {
    json,
    proto: proto ?? json,
    pointer: ptr === '*',
    always: always === '!',
    required: always === '!' && optional !== '?',
    ...(inline ? { inline } : {}),
    ...(q ? { quantity: q === 'Q' ? 'value' : q === 'QM' ? 'map' : 'list' } : {}),
    ...(enumList !== undefined ? { enum: enumList.split('|') } : {}),
  } as GoField;
}

export function parseGoFacts(data: Record<string, string[]>): GoFacts {
  return new Map(Object.entries(data).map(([name, fields]) => [name, fields.map(parseGoField)]));
}

/** The JSON-visible fields of a struct, with inlined structs flattened. */
export function jsonFields(facts: GoFacts, schemaName: string): GoField[] | undefined {
  const fields = facts.get(schemaName);
  if (!fields) return undefined;
  return fields.flatMap((f) => (f.inline ? (jsonFields(facts, f.inline) ?? []) : [f]));
}
