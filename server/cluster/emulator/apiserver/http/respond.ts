import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ApiError, errors } from '../../meta/errors.ts';

/** Headers every kube-apiserver answer carries. */
export function baseHeaders(): Record<string, string> {
  return {
    'Audit-Id': randomUUID(),
    'Cache-Control': 'no-cache, private',
    'X-Kubernetes-Pf-Flowschema-Uid': FLOWSCHEMA_UID,
    'X-Kubernetes-Pf-Prioritylevel-Uid': PRIORITYLEVEL_UID,
  };
}

const FLOWSCHEMA_UID = randomUUID();
const PRIORITYLEVEL_UID = randomUUID();

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  extra: { contentType?: string; warnings?: string[]; headers?: Record<string, string> } = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(code, {
    ...baseHeaders(),
    'Content-Type': extra.contentType ?? 'application/json',
    'Content-Length': String(payload.length),
    ...(extra.warnings && extra.warnings.length > 0 ? { Warning: extra.warnings.map(warningHeader) } : {}),
    ...extra.headers,
  });
  res.end(payload);
}

export function sendText(res: ServerResponse, code: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  const payload = Buffer.from(text);
  res.writeHead(code, { ...baseHeaders(), 'Content-Type': contentType, 'Content-Length': String(payload.length) });
  res.end(payload);
}

/** Answers with the Status body of an ApiError, or a 500 for anything else (logged). */
export function sendError(res: ServerResponse, err: unknown): void {
  const apiError = err instanceof ApiError ? err : errors.internal(err instanceof Error ? err.message : String(err));
  if (!(err instanceof ApiError)) console.error('emulated API server error:', err);
  sendJson(res, apiError.code, apiError.toStatus());
}

/** RFC 7234 warning, as kube-apiserver sends them: `299 - "message"`. */
export function warningHeader(message: string): string {
  return `299 - ${JSON.stringify(message)}`;
}
