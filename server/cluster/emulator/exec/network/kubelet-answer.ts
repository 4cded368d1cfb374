/**
 * What a node's kubelet answers through `nodes/<name>/proxy/…`: `/healthz` and `/pods` (the pods bound to it).
 * Other kubelet endpoints (`/configz`, `/stats/summary`, `/metrics…`) are not simulated and answer 404, as the
 * kubelet answers a path it does not serve.
 */
import type { HttpResponse } from '../http-message.ts';
import { rec, str, type Obj } from '../container/cluster-reader.ts';
import type { RoutingDeps } from './routing.ts';

const text = (status: number, reason: string, body: string): HttpResponse => ({
  status,
  reason,
  headers: [
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['X-Content-Type-Options', 'nosniff'],
  ],
  body,
});

export function kubeletAnswer(deps: RoutingDeps, node: Obj, target: string): HttpResponse {
  const path = target.split('?')[0]!.replace(/\/+$/, '') || '/';
  if (path === '/healthz') return text(200, 'OK', 'ok');
  if (path === '/pods') {
    const name = str(rec(node.metadata).name);
    const items = deps.reader.pods().filter((p) => str(rec(p.spec).nodeName) === name);
    const body = JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items });
    return { status: 200, reason: 'OK', headers: [['Content-Type', 'application/json']], body };
  }
  return text(404, 'Not Found', '404 page not found\n');
}
