/**
 * A small model of the Go types behind the JSON of API objects, so that messages which print Go values
 * (go-cmp diffs, `%#v` dumps) can list fields in Go's declaration order, know which fields are pointers,
 * and tell Go's zero values apart. JSON fields the model does not know are appended with inferred types.
 */
import { isObj, type Json } from './json.ts';

export type TypeRef = GoType | string;

export interface Field {
  go: string;
  /** The JSON key; absent for an embedded (inlined) struct, which reads the same JSON object. */
  json?: string;
  type: TypeRef;
}

export type GoType =
  | { kind: 'string' | 'int' | 'bool' | 'float'; name?: string }
  | { kind: 'ptr'; elem: TypeRef }
  | { kind: 'slice'; elem: TypeRef; name?: string }
  | { kind: 'map'; key: TypeRef; elem: TypeRef; name?: string }
  | { kind: 'struct'; name: string; fields: Field[] }
  | { kind: 'quantity' }
  | { kind: 'intstr' };

const registry = new Map<string, GoType>();

/** Registers named struct types: `[goName, jsonKey | '', type]` rows ('' marks an embedded struct). */
export function defineStructs(defs: Record<string, [string, string, TypeRef][]>): void {
  for (const [name, rows] of Object.entries(defs)) {
    registry.set(name, { kind: 'struct', name, fields: rows.map(([go, json, type]) => (json ? { go, json, type } : { go, type })) });
  }
}

export function resolve(ref: TypeRef): GoType {
  if (typeof ref !== 'string') return ref;
  const t = registry.get(ref);
  if (!t) throw new Error(`unknown Go type ${ref}`);
  return t;
}

export const STRING: GoType = { kind: 'string' };
export const INT: GoType = { kind: 'int' };
export const INT64: GoType = { kind: 'int', name: 'int64' };
export const BOOL: GoType = { kind: 'bool' };
export const QUANTITY: GoType = { kind: 'quantity' };
export const INTSTR: GoType = { kind: 'intstr' };
export const named = (name: string): GoType => ({ kind: 'string', name });
export const ptr = (elem: TypeRef): GoType => ({ kind: 'ptr', elem });
export const slice = (elem: TypeRef): GoType => ({ kind: 'slice', elem });
export const strMap = (elem: TypeRef = STRING, name?: string): GoType => ({ kind: 'map', key: STRING, elem, ...(name ? { name } : {}) });

/** A Go type for JSON the model does not describe. */
export function inferType(v: unknown): GoType {
  if (typeof v === 'string') return STRING;
  if (typeof v === 'boolean') return BOOL;
  if (typeof v === 'number') return Number.isInteger(v) ? INT : { kind: 'float' };
  if (Array.isArray(v)) return slice(v.length > 0 ? inferType(v[0]) : STRING);
  if (isObj(v)) return { kind: 'struct', name: 'struct', fields: Object.keys(v).map((k) => ({ go: goFieldName(k), json: k, type: inferType(v[k]) })) };
  return STRING;
}

const GO_NAMES: Record<string, string> = {
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  hostIP: 'HostIP',
  hostIPC: 'HostIPC',
  hostPID: 'HostPID',
  os: 'OS',
  tty: 'TTY',
  uid: 'UID',
  httpGet: 'HTTPGet',
  tcpSocket: 'TCPSocket',
  grpc: 'GRPC',
  csi: 'CSI',
  fc: 'FC',
  nfs: 'NFS',
  iscsi: 'ISCSI',
  rbd: 'RBD',
  apiVersion: 'APIVersion',
  awsElasticBlockStore: 'AWSElasticBlockStore',
  downwardAPI: 'DownwardAPI',
  setHostnameAsFQDN: 'SetHostnameAsFQDN',
  fsType: 'FSType',
};

/** The Go field name of a JSON field (`restartPolicy` → `RestartPolicy`). */
export function goFieldName(key: string): string {
  return GO_NAMES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

/** The JSON keys a struct reads, its embedded structs' included. */
function knownKeys(t: GoType & { kind: 'struct' }, into = new Set<string>()): Set<string> {
  for (const f of t.fields) {
    if (f.json) into.add(f.json);
    else {
      const inner = resolve(f.type);
      if (inner.kind === 'struct') knownKeys(inner, into);
    }
  }
  return into;
}

/** The fields of a struct for a JSON value: the declared ones, then JSON keys the model lacks. */
export function structFields(t: GoType & { kind: 'struct' }, v: unknown): Field[] {
  if (!isObj(v)) return t.fields;
  const known = knownKeys(t);
  const extra = Object.keys(v)
    .filter((k) => !known.has(k) && v[k] !== undefined)
    .map((k) => ({ go: goFieldName(k), json: k, type: inferType(v[k]) }));
  return extra.length > 0 ? [...t.fields, ...extra] : t.fields;
}

/** The JSON of a struct field; an embedded struct gets the keys of its own fields from the outer object. */
export function fieldValue(f: Field, v: unknown): unknown {
  if (!isObj(v)) return undefined;
  if (f.json !== undefined) return (v as Json)[f.json];
  const inner = resolve(f.type);
  if (inner.kind !== 'struct') return v;
  const out: Json = {};
  for (const k of knownKeys(inner)) if (k in v) out[k] = v[k];
  return out;
}

const isNil = (v: unknown) => v === undefined || v === null;

/** Go's `reflect.Value.IsZero` for the value the JSON decodes to. */
export function isZero(ref: TypeRef, v: unknown): boolean {
  const t = resolve(ref);
  switch (t.kind) {
    case 'string':
    case 'int':
    case 'bool':
    case 'float':
      return isNil(v) || v === '' || v === 0 || v === false;
    case 'ptr':
    case 'slice':
    case 'map':
    case 'quantity':
      return isNil(v);
    case 'intstr':
      return isNil(v) || v === 0;
    case 'struct':
      return structFields(t, v).every((f) => isZero(f.type, fieldValue(f, v)));
  }
}

/** The type as Go's reflect prints it: `core.Container`, `[]core.Container`, `map[string]string`, `*int64`. */
export function typeString(ref: TypeRef): string {
  const t = resolve(ref);
  switch (t.kind) {
    case 'string':
      return t.name ?? 'string';
    case 'int':
      return t.name ?? 'int32';
    case 'bool':
      return t.name ?? 'bool';
    case 'float':
      return t.name ?? 'float64';
    case 'ptr':
      return `*${typeString(t.elem)}`;
    case 'slice':
      return t.name ?? `[]${typeString(t.elem)}`;
    case 'map':
      return t.name ?? `map[${typeString(t.key)}]${typeString(t.elem)}`;
    case 'struct':
      return t.name;
    case 'quantity':
      return 'resource.Quantity';
    case 'intstr':
      return 'intstr.IntOrString';
  }
}

/** `Kind` groups as go-cmp's formatter distinguishes them. */
export const isComposite = (t: GoType) => t.kind === 'struct' || t.kind === 'slice' || t.kind === 'map' || t.kind === 'quantity' || t.kind === 'intstr';
