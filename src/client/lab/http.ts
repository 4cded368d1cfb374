import type { JoinRequest, JoinResponse, LabState, Me, StepState } from '../../lib/labs/api.ts';

/** The learner has not joined (or their session ended): the page sends them to /join. */
export class NotJoined extends Error {
  constructor() {
    super('not joined');
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 401) throw new NotJoined();
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const message = data && typeof data === 'object' && 'message' in data ? String((data as { message: unknown }).message) : res.statusText;
    throw new ApiError(res.status, message || `HTTP ${res.status}`);
  }
  return data as T;
}

/** The REST calls of a lab page (src/lib/labs/api.ts is the contract). */
export function labApi(lab: string) {
  const base = `/api/labs/${encodeURIComponent(lab)}`;
  const step = (id: string, what: 'check' | 'hint' | 'solution') => request<StepState>('POST', `${base}/steps/${encodeURIComponent(id)}/${what}`);
  return {
    me: () => request<Me>('GET', '/api/me'),
    state: () => request<LabState>('GET', `${base}/state`),
    start: () => request<LabState | undefined>('POST', `${base}/start`),
    check: (id: string) => step(id, 'check'),
    hint: (id: string) => step(id, 'hint'),
    solution: (id: string) => step(id, 'solution'),
  };
}

export type LabApi = ReturnType<typeof labApi>;

/** `POST /api/join`; a refusal comes back as a value whatever the HTTP status. */
export async function join(body: JoinRequest): Promise<JoinResponse> {
  const res = await fetch('/api/join', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = (await res.json().catch(() => undefined)) as JoinResponse | undefined;
  if (data && typeof data === 'object' && 'ok' in data) return data;
  throw new ApiError(res.status, res.statusText || `HTTP ${res.status}`);
}

export async function currentLearner(): Promise<Me | undefined> {
  try {
    return await request<Me>('GET', '/api/me');
  } catch (e) {
    if (e instanceof NotJoined) return undefined;
    throw e;
  }
}

/** `ws://host/path` or `wss://…`, on the page's own host. */
export function socketUrl(path: string, params: Record<string, string>): string {
  const url = new URL(path, window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
