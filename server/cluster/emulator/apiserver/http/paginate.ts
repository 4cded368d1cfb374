import { errors } from '../../meta/errors.ts';
import type { StoredObject } from '../../meta/types.ts';

export interface Page {
  items: StoredObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

interface Token {
  rv: string;
  /** `namespace/name` of the last item already returned. */
  after: string;
}

/** `limit` and `continue` for lists, with opaque continue tokens as kube-apiserver issues them. */
export function paginate(items: StoredObject[], query: URLSearchParams, resourceVersion: string): Page {
  const limitParam = query.get('limit');
  const limit = limitParam ? Number(limitParam) : 0;
  const cont = query.get('continue');
  let rv = resourceVersion;
  let start = 0;
  if (cont) {
    const token = decodeToken(cont);
    rv = token.rv;
    start = items.findIndex((o) => key(o) > token.after);
    if (start === -1) start = items.length;
  }
  if (!Number.isInteger(limit) || limit <= 0 || start + limit >= items.length) {
    return { items: items.slice(start), resourceVersion: rv };
  }
  const pageItems = items.slice(start, start + limit);
  const last = pageItems[pageItems.length - 1]!;
  return {
    items: pageItems,
    resourceVersion: rv,
    continueToken: Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: key(last) })).toString('base64url'),
    remainingItemCount: items.length - start - limit,
  };
}

function key(o: StoredObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function decodeToken(token: string): Token {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { rv?: string; start?: string };
    if (typeof parsed.rv !== 'string' || typeof parsed.start !== 'string') throw new Error('bad token');
    return { rv: parsed.rv, after: parsed.start };
  } catch {
    throw errors.badRequest('continue key is not valid: illegal base64 data at input byte 0');
  }
}
