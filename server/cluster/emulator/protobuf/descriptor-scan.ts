import { inflateRawSync } from 'node:zlib';

/**
 * Go programs built with gogo-protobuf register each `.proto` file as a gzipped FileDescriptorProto.
 * This finds them in a binary: every gzip member header with no flags, mtime or extra fields
 * (`1f 8b 08 00 00 00 00 00`) starts one; the deflate stream after the 10-byte header is inflated on
 * its own (adjacent members would run together under a plain gunzip). Files whose name starts with
 * `prefix` are kept, once each, and returned as the bytes of a FileDescriptorSet.
 */
export function scanEmbeddedDescriptors(binary: Uint8Array, prefix = 'k8s.io/'): Buffer {
  const buf = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength);
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]);
  const files = new Map<string, Buffer>();
  for (let at = buf.indexOf(header); at !== -1; at = buf.indexOf(header, at + header.length)) {
    let inflated: Buffer;
    try {
      inflated = inflateRawSync(buf.subarray(at + 10, at + 10 + MAX_COMPRESSED));
    } catch {
      continue;
    }
    const name = descriptorName(inflated);
    if (name?.startsWith(prefix) && !files.has(name)) files.set(name, inflated);
  }
  return encodeFileDescriptorSet([...files.values()]);
}

/** Upper bound of one compressed descriptor (core/v1 is about 60 KB). */
const MAX_COMPRESSED = 4 << 20;

/** Field 1 (`name`) of a FileDescriptorProto, when the message starts with it, as protoc writes it. */
export function descriptorName(fd: Uint8Array): string | undefined {
  if (fd[0] !== 0x0a) return undefined;
  const [length, next] = readVarint(fd, 1);
  if (length <= 0 || next + length > fd.length) return undefined;
  return Buffer.from(fd.subarray(next, next + length)).toString('utf8');
}

/** FileDescriptorSet: `repeated FileDescriptorProto file = 1`. */
export function encodeFileDescriptorSet(files: Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  for (const f of files) parts.push(Buffer.from([0x0a]), encodeVarint(f.length), Buffer.from(f));
  return Buffer.concat(parts);
}

/** Splits a FileDescriptorSet back into its files' names (for logs and tests). */
export function fileNames(set: Uint8Array): string[] {
  const names: string[] = [];
  for (let at = 0; at < set.length; ) {
    if (set[at] !== 0x0a) break;
    const [length, next] = readVarint(set, at + 1);
    const name = descriptorName(set.subarray(next, next + length));
    if (name) names.push(name);
    at = next + length;
  }
  return names;
}

function readVarint(b: Uint8Array, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  let i = at;
  for (; i < b.length && shift < 35; i++) {
    const byte = b[i]!;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [value, i + 1];
  }
  return [-1, i];
}

function encodeVarint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}
