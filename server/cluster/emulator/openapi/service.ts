import { createHash } from 'node:crypto';
import type { Registry } from '../registry/registry.ts';
import { gvString, type ResourceDef } from '../registry/types.ts';
import type { BuiltinSchemas } from './builtin-schemas.ts';
import { groupVersionDocument } from './documents.ts';
import { defaultBuiltinSchemas } from './schema-provider.ts';

/** A served document: its bytes and the content hash the index links it by. */
export interface OpenApiDocument {
  body: Buffer;
  /** Upper-case hex SHA-512 of `body`, as upstream computes it. */
  hash: string;
  /** Entity tag (the hash, unquoted): the `ETag` header is `"<etag>"`. */
  etag: string;
  contentType: 'application/json' | typeof OPENAPI_V2_PROTOBUF;
}

/** The type `/openapi/v2` answers with when asked for protobuf (kubectl asks with the older `…v2@v1.0+protobuf`). */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

/**
 * `/openapi/v2` as an empty `openapi_v2.Document` (zero bytes of protobuf). kubectl reads v2 only where v3
 * cannot answer: client-side validation of a kind the v3 index lacks (a `v1 List`, a custom resource whose
 * CRD is not created yet, a misspelt apiVersion). Finding no definition, it skips that validation, as it does
 * on a real cluster for kinds the server does not know, and the command goes on to its real error
 * (`resource mapping not found … ensure CRDs are installed first`). A 404 would fail the command instead.
 */
export function openApiV2Document(): OpenApiDocument {
  const body = Buffer.alloc(0);
  const hash = createHash('sha512').update(body).digest('hex').toUpperCase();
  return { body, hash, etag: hash, contentType: OPENAPI_V2_PROTOBUF };
}

/**
 * `/openapi/v3` for the emulator: the index and one document per served group-version.
 * Documents are built on first use and cached; a group-version is rebuilt only when its resource
 * definitions change (CRDs added, changed or removed), which changes its hash in the index.
 *
 * HTTP wiring: `GET /openapi/v3` → `index()`; `GET /openapi/v3/<path>?hash=H` → `document(<path>)`,
 * answered with `Cache-Control: public, immutable` when `H` equals the document's hash, else
 * `no-cache, private`; unknown paths → 404. `GET /openapi/v2` → `openApiV2Document()`.
 */
export interface OpenApiService {
  index(): OpenApiDocument;
  /** `api/v1`, `apis/apps/v1`, or the same with a leading `/openapi/v3/` and a query. */
  document(path: string): OpenApiDocument | undefined;
  /** `/openapi/v2`: see `openApiV2Document`. */
  v2(): OpenApiDocument;
}

export interface OpenApiOptions {
  /** `info.version` of every document. */
  version?: string;
  builtins?: BuiltinSchemas;
}

/**
 * Documents of group-versions without custom resources, which every cluster of the process serves alike:
 * built once per set of built-in schemas, keyed by version, path and signature.
 */
const builtinDocuments = new WeakMap<BuiltinSchemas, Map<string, OpenApiDocument>>();

function builtinDocument(builtins: BuiltinSchemas, key: string, make: () => OpenApiDocument): OpenApiDocument {
  let docs = builtinDocuments.get(builtins);
  if (!docs) builtinDocuments.set(builtins, (docs = new Map()));
  let doc = docs.get(key);
  if (!doc) docs.set(key, (doc = make()));
  return doc;
}

export function createOpenApiService(registry: Registry, options: OpenApiOptions = {}): OpenApiService {
  const version = options.version ?? 'unversioned';
  const cache = new Map<string, { signature: string; doc: OpenApiDocument }>();
  let builtins = options.builtins;
  let index: { registryVersion: number; doc: OpenApiDocument } | undefined;
  let grouped: { registryVersion: number; map: Map<string, ResourceDef[]> } | undefined;

  const byGroupVersion = (): Map<string, ResourceDef[]> => {
    if (grouped && grouped.registryVersion === registry.version) return grouped.map;
    const map = new Map<string, ResourceDef[]>();
    for (const def of registry.all()) {
      const key = def.group ? `apis/${def.group}/${def.version}` : `api/${def.version}`;
      map.set(key, [...(map.get(key) ?? []), def]);
    }
    grouped = { registryVersion: registry.version, map };
    return map;
  };

  const build = (key: string, defs: ResourceDef[]): OpenApiDocument => {
    const signature = signatureOf(defs);
    const hit = cache.get(key);
    if (hit && hit.signature === signature) return hit.doc;
    const b = (builtins ??= defaultBuiltinSchemas());
    const make = () => toDocument(groupVersionDocument(defs, b, { version }));
    const doc = defs.some((d) => d.custom) ? make() : builtinDocument(b, `${version}\n${key}\n${signature}`, make);
    cache.set(key, { signature, doc });
    return doc;
  };

  return {
    v2: openApiV2Document,
    index() {
      if (index && index.registryVersion === registry.version) return index.doc;
      const paths: Record<string, { serverRelativeURL: string }> = {};
      const groups = byGroupVersion();
      for (const [key, defs] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const doc = build(key, defs);
        paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
      }
      for (const key of cache.keys()) if (!groups.has(key)) cache.delete(key);
      index = { registryVersion: registry.version, doc: toDocument({ paths }) };
      return index.doc;
    },
    document(path) {
      const key = path.replace(/^\/?(openapi\/v3\/?)?/, '').replace(/[?#].*$/, '').replace(/\/$/, '');
      const defs = byGroupVersion().get(key);
      return defs ? build(key, defs) : undefined;
    },
  };
}

/** What a group-version's document depends on besides the (fixed) built-in schemas. */
function signatureOf(defs: ResourceDef[]): string {
  return JSON.stringify(
    defs.map((d) => [gvString(d), d.kind, d.resource, d.namespaced, d.verbs, d.subresources ?? [], d.custom ? { schema: d.custom.schema } : null]),
  );
}

function toDocument(value: unknown): OpenApiDocument {
  const body = Buffer.from(JSON.stringify(value));
  const hash = createHash('sha512').update(body).digest('hex').toUpperCase();
  return { body, hash, etag: hash, contentType: 'application/json' };
}
