/** HTTP messages between simulated clients (curl, wget, port-forward) and simulated servers. */

export interface HttpRequest {
  method: string;
  /** Path and query: `/index.html?x=1`. */
  target: string;
  version: string;
  /** In the order sent, names as written. */
  headers: [string, string][];
  body: string;
  /** Address the request comes from (the pod IP of the client, or 127.0.0.1 for port-forward). */
  remoteAddress: string;
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

export function header(msg: { headers: [string, string][] }, name: string): string | undefined {
  const lower = name.toLowerCase();
  return msg.headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

/** Date header value: `Mon, 02 Mar 2026 09:00:00 GMT`. */
export const httpDate = (ms: number) => new Date(ms).toUTCString();
