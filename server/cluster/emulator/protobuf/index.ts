import { loadGoFacts } from '../openapi/facts-file.ts';
import { createProtobufCodec, unavailableCodec, type ProtobufCodec } from './codec.ts';
import { defaultCacheDir, loadDescriptors } from './descriptor-cache.ts';
import { locateKubectlBinary } from './locate-binary.ts';

export { PROTOBUF_MAGIC, PROTOBUF_MEDIA_TYPE, type ProtobufCodec } from './codec.ts';

export interface ProtobufOptions {
  /** A kubectl binary to read descriptors from; default: `locateKubectlBinary()`. */
  binary?: string;
  /** Where the extracted descriptors are cached; default `~/.cache/podium` (e.g. pass the project's `.podium/`). */
  cacheDir?: string;
  /** One line at start-up saying where descriptors came from, or why protobuf is unavailable. */
  log?: (line: string) => void;
}

/**
 * Loads the protobuf codec: descriptors from the cache or the kubectl binary (0.2 s the first time).
 * Without a binary the codec is unavailable and every decode answers 415, as a server that does not
 * speak protobuf would; kubectl's typed commands (`create deployment`, `auth can-i`…) then fail.
 */
export function loadProtobufCodec(options: ProtobufOptions = {}): ProtobufCodec {
  const log = options.log ?? (() => {});
  const binary = options.binary ?? locateKubectlBinary();
  if (!binary) {
    const reason = 'no kubectl binary found (set PODIUM_KUBECTL_BINARY): protobuf request bodies will be refused with 415';
    log(`protobuf: ${reason}`);
    return unavailableCodec(reason);
  }
  try {
    const source = loadDescriptors(binary, options.cacheDir ?? defaultCacheDir());
    const codec = createProtobufCodec(source.descriptors, loadGoFacts());
    log(`protobuf: descriptors ${source.cached ? 'from cache' : 'read'} for ${binary}`);
    return codec;
  } catch (e) {
    const reason = `cannot read protobuf descriptors from ${binary}: ${(e as Error).message}`;
    log(`protobuf: ${reason}`);
    return unavailableCodec(reason);
  }
}
