import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { errors } from '../../meta/errors.ts';

/** The largest request body the API accepts (upstream: 3 MiB for most writes). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw errors.badRequest('the request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export type MediaType = 'json' | 'yaml' | 'protobuf' | 'other';

export function mediaType(contentType: string | undefined): { type: MediaType; raw: string } {
  const raw = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (raw === '' || raw === 'application/json' || raw.endsWith('+json')) return { type: 'json', raw: raw || 'application/json' };
  if (raw === 'application/yaml' || raw === 'application/apply-patch+yaml') return { type: 'yaml', raw };
  if (raw === 'application/vnd.kubernetes.protobuf') return { type: 'protobuf', raw };
  return { type: 'other', raw };
}

/** Parses a JSON or YAML body; malformed input answers 400 as upstream's decoder does. */
export function parseDocument(body: Buffer, type: 'json' | 'yaml'): unknown {
  const text = body.toString('utf8');
  if (type === 'json') {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw errors.badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
    }
  }
  try {
    return parseYaml(text);
  } catch (e) {
    throw errors.badRequest(`error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}
