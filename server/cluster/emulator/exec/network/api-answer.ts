/** What the API server behind `kubernetes.default.svc` answers a request from inside a pod, when no real handler is wired in. */
import { header, httpDate, type HttpRequest, type HttpResponse } from '../http-message.ts';

function json(status: number, reasonText: string, body: unknown, now: number): HttpResponse {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  return { status, reason: reasonText, headers: [['Audit-Id', '5c1f2a7e-8a8b-4f7e-9d1c-0b6a2f3e4d5c'], ['Cache-Control', 'no-cache, private'], ['Content-Type', 'application/json'], ['Date', httpDate(now)], ['Content-Length', String(text.length)]], body: text };
}

/** The `sub` claim of a bearer token (not verified: this fallback only words the answer). */
function subject(req: HttpRequest): string | undefined {
  const auth = header(req, 'Authorization');
  const token = auth?.replace(/^Bearer\s+/i, '');
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: string }).sub;
  } catch {
    return undefined;
  }
}

export function defaultApiAnswer(req: HttpRequest, now: number): HttpResponse {
  const user = subject(req);
  if (!user) return json(401, 'Unauthorized', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 }, now);
  const path = req.target.split('?')[0]!;
  return json(403, 'Forbidden', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: User "${user}" cannot get path "${path}"`, reason: 'Forbidden', details: {}, code: 403 }, now);
}
