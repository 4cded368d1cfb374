import path from 'node:path';
import { createOpenApiService } from '../emulator/openapi/index.ts';
import { loadProtobufCodec } from '../emulator/protobuf/index.ts';
import type { ClusterServices } from './runtime.ts';

export interface ServiceOptions {
  /** Where caches may be written (the protobuf descriptors read from kubectl). */
  cacheDir?: string;
  /** Told of every API request (the platform records learners' kubectl commands). */
  onRequest?: ClusterServices['onRequest'];
}

/** The per-cluster services: OpenAPI documents, protobuf bodies, logs, exec. */
export async function createClusterServices(opts: ServiceOptions = {}): Promise<ClusterServices> {
  const codec = loadProtobufCodec({
    ...(opts.cacheDir ? { cacheDir: path.join(opts.cacheDir) } : {}),
    log: (line) => console.warn(line),
  });
  return {
    openapi: (cluster) => createOpenApiService(cluster.registry, { version: 'v1.32.9-eks-113cf36' }),
    ...(codec.available ? { decodeProtobuf: (body: Buffer) => codec.decodeObject(body) } : {}),
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
  };
}
