import type protobuf from 'protobufjs';
import type { GoFacts, GoField } from '../openapi/facts.ts';
import { durationJson, intOrStringJson, microTimeJson, timeJson } from './well-known.ts';

type Message = Record<string, unknown>;

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
const TIME = `${META}.Time`;
const MICRO_TIME = `${META}.MicroTime`;
const DURATION = `${META}.Duration`;
const FIELDS_V1 = `${META}.FieldsV1`;
const QUANTITY = 'k8s.io.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'k8s.io.apimachinery.pkg.util.intstr.IntOrString';
const RAW_EXTENSION = 'k8s.io.apimachinery.pkg.runtime.RawExtension';

/** Full protobuf name of a type, without the leading dot. */
export const fullName = (t: protobuf.Type): string => t.fullName.replace(/^\./, '');

/**
 * Converts a decoded protobuf message into the JSON the same Go value marshals to, as kubectl would
 * have sent it: pointer fields appear when set (even to zero), value fields without `omitempty` always,
 * other scalars only when non-zero; nested structs always (`resources: {}`); Time → RFC 3339 or null,
 * Quantity → string, IntOrString → number or string, RawExtension → its JSON, bytes → base64,
 * int64 → number, map entries → objects. Which field is a pointer and which is `omitempty` comes from
 * the Go facts; fields they do not describe appear when present and non-zero.
 */
export class ProtoJson {
  private readonly byMessage = new Map<string, Map<string, GoField> | null>();

  constructor(private readonly facts: GoFacts) {}

  message(msg: Message, type: protobuf.Type): Record<string, unknown> | unknown {
    const special = this.special(msg, type);
    if (special !== NOT_SPECIAL) return special;
    const facts = this.factsFor(type);
    const out: Record<string, unknown> = {};
    const fields = [...type.fieldsArray];
    const ordered = facts ? [...facts.values()].map((f) => fields.find((p) => p.name === f.proto)).filter((f): f is protobuf.Field => !!f) : [];
    for (const f of fields) if (!ordered.includes(f)) ordered.push(f);
    for (const field of ordered) {
      const fact = facts?.get(field.name);
      const value = this.field(msg, field, fact);
      if (value === OMIT) continue;
      if (fact?.inline) {
        if (value && typeof value === 'object') Object.assign(out, value);
        continue;
      }
      out[fact?.json ?? field.name] = value;
    }
    return out;
  }

  private field(msg: Message, field: protobuf.Field, fact: GoField | undefined): unknown {
    field.resolve();
    const present = Object.prototype.hasOwnProperty.call(msg, field.name);
    const raw = msg[field.name];
    const resolved = field.resolvedType as protobuf.Type | protobuf.Enum | null;
    const isMessage = resolved !== null && 'fieldsArray' in resolved;
    if (field.repeated) {
      const list = Array.isArray(raw) ? raw : [];
      if (list.length === 0) return fact?.always ? null : OMIT;
      if (isMessage && (resolved as protobuf.Type).options?.map_entry) return this.mapEntries(list as Message[], resolved as protobuf.Type);
      return list.map((v) => (isMessage ? this.message(v as Message, resolved as protobuf.Type) : scalar(v, field.type)));
    }
    if (isMessage) {
      if (present && raw) return this.message(raw as Message, resolved as protobuf.Type);
      if (fact && !fact.pointer && !fact.inline) return this.zero(resolved as protobuf.Type);
      return OMIT;
    }
    if (fact?.pointer) return present ? scalar(raw, field.type) : OMIT;
    const value = present ? scalar(raw, field.type) : zeroScalar(field.type);
    if (fact?.always) return value;
    return isZero(value) ? OMIT : value;
  }

  private mapEntries(entries: Message[], entry: protobuf.Type): Record<string, unknown> {
    const valueField = entry.fields.value!;
    valueField.resolve();
    const valueType = valueField.resolvedType as protobuf.Type | null;
    const out: Record<string, unknown> = {};
    for (const e of entries) {
      const v = e.value;
      out[String(e.key)] = valueType && 'fieldsArray' in valueType ? this.message((v ?? {}) as Message, valueType) : scalar(v ?? zeroScalar(valueField.type), valueField.type);
    }
    return out;
  }

  /** The JSON of a message type's zero value. */
  private zero(type: protobuf.Type): unknown {
    return this.message({}, type);
  }

  private special(msg: Message, type: protobuf.Type): unknown {
    switch (fullName(type)) {
      case TIME:
        return timeJson(num(msg.seconds), num(msg.nanos));
      case MICRO_TIME:
        return microTimeJson(num(msg.seconds), num(msg.nanos));
      case DURATION:
        return durationJson(num(msg.duration));
      case QUANTITY:
        return typeof msg.string === 'string' && msg.string !== '' ? msg.string : '0';
      case INT_OR_STRING:
        return intOrStringJson(num(msg.type), num(msg.intVal), typeof msg.strVal === 'string' ? msg.strVal : '');
      case RAW_EXTENSION:
      case FIELDS_V1:
        return rawJson(msg.raw ?? msg.Raw);
      default:
        return NOT_SPECIAL;
    }
  }

  private factsFor(type: protobuf.Type): Map<string, GoField> | undefined {
    const name = fullName(type);
    let facts = this.byMessage.get(name);
    if (facts === undefined) {
      const list = this.facts.get(name.replace(/^k8s\.io\./, 'io.k8s.'));
      facts = list ? new Map(list.map((f) => [f.proto, f])) : null;
      this.byMessage.set(name, facts);
    }
    return facts ?? undefined;
  }
}

const OMIT = Symbol('omit');
const NOT_SPECIAL = Symbol('not special');

function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'toNumber' in v) return (v as { toNumber(): number }).toNumber();
  if (typeof v === 'string') return Number(v);
  return 0;
}

function scalar(v: unknown, protoType: string): unknown {
  switch (protoType) {
    case 'int64':
    case 'uint64':
    case 'sint64':
    case 'fixed64':
    case 'sfixed64':
      return num(v);
    case 'bytes':
      return Buffer.from((v as Uint8Array | undefined) ?? []).toString('base64');
    default:
      return v;
  }
}

function zeroScalar(protoType: string): unknown {
  if (protoType === 'string' || protoType === 'bytes') return '';
  if (protoType === 'bool') return false;
  return 0;
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false || v === null || v === undefined;
}

/** An embedded object's bytes: JSON as kubectl embeds it; nothing → null. */
function rawJson(raw: unknown): unknown {
  const bytes = raw instanceof Uint8Array ? raw : undefined;
  if (!bytes || bytes.length === 0) return null;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return Buffer.from(bytes).toString('base64');
  }
}
