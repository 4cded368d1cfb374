import protobuf from 'protobufjs';
// Adds Root.fromDescriptor (FileDescriptorSet → Root) to protobufjs.
import 'protobufjs/ext/descriptor/index.js';
import { ApiError, errors } from '../meta/errors.ts';
import type { KubeObject } from '../meta/types.ts';
import type { GoFacts } from '../openapi/facts.ts';
import { ProtoJson } from './to-json.ts';

/** `k8s\0`: the prefix of every Kubernetes protobuf body. */
export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** Decodes `application/vnd.kubernetes.protobuf` request bodies into JSON objects. */
export interface ProtobufCodec {
  readonly available: boolean;
  /** Why decoding is unavailable (no kubectl binary found…), for a log line. */
  readonly reason?: string;
  /** The object a body carries, as kubectl would have sent it in JSON; ApiError 400/415 on failure. */
  decodeObject(body: Uint8Array): KubeObject;
}

/**
 * The Go package of a group's protobuf messages: `apps` → `k8s.io.api.apps`; the core group → `core`;
 * `rbac.authorization.k8s.io` → `rbac`. Kinds not found there are looked up in meta/v1 (DeleteOptions).
 */
export function protoPackage(group: string, version: string): string {
  const pkg = group === '' ? 'core' : group === 'internal.apiserver.k8s.io' ? 'apiserverinternal' : group.split('.')[0]!;
  return `k8s.io.api.${pkg}.${version}`;
}

/** The protobufjs types of a FileDescriptorSet. */
export function rootFromDescriptors(descriptors: Uint8Array): protobuf.Root {
  const root = (protobuf.Root as unknown as { fromDescriptor(d: Uint8Array): protobuf.Root }).fromDescriptor(descriptors);
  root.resolveAll();
  return root;
}

/** A codec over a FileDescriptorSet (the `k8s.io/*` files kubectl embeds). */
export function createProtobufCodec(descriptors: Uint8Array, facts: GoFacts): ProtobufCodec {
  const root = rootFromDescriptors(descriptors);
  const unknown = root.lookupType('k8s.io.apimachinery.pkg.runtime.Unknown');
  const json = new ProtoJson(facts);
  const typeFor = (apiVersion: string, kind: string): protobuf.Type | undefined => {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    for (const name of [`${protoPackage(group!, version!)}.${kind}`, `k8s.io.apimachinery.pkg.apis.meta.${version}.${kind}`]) {
      const found = root.lookup(name);
      if (found instanceof protobuf.Type) return found;
    }
    return undefined;
  };
  return {
    available: true,
    decodeObject(body) {
      const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      if (buf.length < 4 || !buf.subarray(0, 4).equals(PROTOBUF_MAGIC)) {
        throw errors.badRequest('provided input did not have the expected protobuf prefix "k8s\\x00"');
      }
      let envelope: { typeMeta?: { apiVersion?: string; kind?: string }; raw?: Uint8Array; contentEncoding?: string; contentType?: string };
      try {
        envelope = unknown.decode(buf.subarray(4)) as typeof envelope;
      } catch (e) {
        throw errors.badRequest(`unable to decode protobuf envelope: ${(e as Error).message}`);
      }
      const apiVersion = envelope.typeMeta?.apiVersion ?? '';
      const kind = envelope.typeMeta?.kind ?? '';
      if (envelope.contentEncoding) throw errors.badRequest(`unsupported content encoding ${JSON.stringify(envelope.contentEncoding)}`);
      const type = typeFor(apiVersion, kind);
      if (!type) throw errors.badRequest(`no kind "${kind}" is registered for version "${apiVersion}"`);
      let message: Record<string, unknown>;
      try {
        message = type.decode(envelope.raw ?? new Uint8Array()) as unknown as Record<string, unknown>;
      } catch (e) {
        throw errors.badRequest(`unable to decode ${apiVersion}, Kind=${kind}: ${(e as Error).message}`);
      }
      const fields = json.message(message, type) as Record<string, unknown>;
      return { kind, apiVersion, ...fields } as KubeObject;
    },
  };
}

/** What the API answers when it cannot read protobuf: upstream's 415 listing the types it does accept. */
export function unavailableCodec(reason: string): ProtobufCodec {
  return {
    available: false,
    reason,
    decodeObject() {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
      );
    },
  };
}
