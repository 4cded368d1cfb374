/**
 * The few HTTP calls the validators make to a cluster (GET JSON, watch), with the credentials and CA
 * of a kubeconfig as client-node reads them. Nothing outside server/validators/kube sees client-node.
 */
import https from 'node:https';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { errorText } from '../text.ts';

export interface JsonResponse {
  status: number;
  body: unknown;
}

export interface WatchHandle {
  abort(): void;
}

/** What the reader and its watches need from a cluster; tests may provide their own. */
export interface KubeTransport {
  readonly server: string;
  getJson(path: string, query?: Record<string, string | number | undefined>): Promise<JsonResponse>;
  /** Streams watch events of `path`; `done` once it ends (with the error, if any). */
  watch(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    onEvent: (type: string, object: unknown) => void,
    done: (error: unknown) => void,
  ): Promise<WatchHandle>;
  close(): void;
}

function withQuery(path: string, query: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

/** A transport over a kubeconfig's current context (HTTPS, embedded CA, bearer token or client cert). */
export async function kubeTransport(kubeconfig: string, opts: { timeoutMs?: number } = {}): Promise<KubeTransport> {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfig);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const base: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(base);
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: 4,
    ...(base.ca ? { ca: base.ca } : {}),
    ...(base.cert ? { cert: base.cert } : {}),
    ...(base.key ? { key: base.key } : {}),
    ...(cluster.skipTLSVerify ? { rejectUnauthorized: false } : {}),
  });
  const headers = { ...(base.headers as Record<string, string> | undefined), Accept: 'application/json' };
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const watcher = new Watch(kc);
  return {
    server: cluster.server,
    getJson(path, query) {
      // The server URL may carry a path (`https://host/clusters/<id>`): API paths go below it.
      const url = new URL(`${cluster.server.replace(/\/+$/, '')}${withQuery(path, query)}`);
      return new Promise<JsonResponse>((resolve, reject) => {
        const req = https.request(url, { method: 'GET', agent, headers, timeout: timeoutMs }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = JSON.parse(text);
            } catch {
              // not JSON: keep the text for the error message
            }
            resolve({ status: res.statusCode ?? 0, body });
          });
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
        req.on('error', (e) => reject(new Error(`cannot reach the cluster at ${cluster.server}: ${errorText(e)}`)));
        req.end();
      });
    },
    async watch(path, query, onEvent, done) {
      const controller = await watcher.watch(path, query, (type, object) => onEvent(type, object), done);
      return { abort: () => controller.abort() };
    },
    close() {
      agent.destroy();
    },
  };
}
