/**
 * A ClusterReader over a real (or embedded) cluster's API, from an admin kubeconfig: get and list any
 * kind, and watch the kinds a lab's checks name, each watch restarting by itself.
 */
import { realClock, type Clock } from '../clock.ts';
import { isUnknownKind } from '../errors.ts';
import type { ClusterReader, K8sObject, ObjectRef } from '../types.ts';
import { Discovery, resourcePath } from './discovery.ts';
import { kubeTransport, type KubeTransport } from './kube-api.ts';
import { resilientWatch } from './resilient-watch.ts';

export interface WatchedKind {
  kind: string;
  apiVersion: string;
}

export interface KubeClusterReaderOptions {
  /** Kinds whose changes `watch` reports (those the lab's object, absent and count checks name). */
  watchKinds?: WatchedKind[];
  clock?: Clock;
  /** Watch failures, for the server's log. */
  onWatchError?: (kind: WatchedKind, error: unknown) => void;
  /** Server-side timeout of each watch request, after which it is resumed (default 300 s). */
  watchTimeoutSeconds?: number;
}

function statusMessage(body: unknown): string {
  if (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  return typeof body === 'string' ? body.slice(0, 200) : '';
}

export class KubeClusterReader implements ClusterReader {
  private readonly discovery: Discovery;
  private readonly clock: Clock;
  private readonly stops = new Set<() => void>();

  constructor(
    private readonly transport: KubeTransport,
    private readonly opts: KubeClusterReaderOptions = {},
  ) {
    this.clock = opts.clock ?? realClock;
    this.discovery = new Discovery(transport, () => this.clock.now());
  }

  /** A reader of the cluster that `kubeconfig` (YAML text) names as its current context. */
  static async fromKubeconfig(kubeconfig: string, opts: KubeClusterReaderOptions = {}): Promise<KubeClusterReader> {
    return new KubeClusterReader(await kubeTransport(kubeconfig), opts);
  }

  private async fetch(path: string, query: Record<string, string | undefined> = {}): Promise<unknown | undefined> {
    const r = await this.transport.getJson(path, query);
    if (r.status === 404) return undefined;
    if (r.status < 200 || r.status >= 300) throw new Error(`the cluster answered ${r.status}: ${statusMessage(r.body)}`);
    return r.body;
  }

  async get(ref: ObjectRef & { name: string }): Promise<K8sObject | undefined> {
    const res = await this.discovery.resolve(ref.kind, ref.apiVersion ?? 'v1');
    return (await this.fetch(resourcePath(res, ref.namespace ?? 'default', ref.name))) as K8sObject | undefined;
  }

  async list(ref: ObjectRef): Promise<K8sObject[]> {
    const res = await this.discovery.resolve(ref.kind, ref.apiVersion ?? 'v1');
    const body = (await this.fetch(resourcePath(res, ref.namespace), { labelSelector: ref.selector || undefined })) as { items?: K8sObject[] } | undefined;
    const kind = ref.kind;
    const apiVersion = ref.apiVersion ?? 'v1';
    // Items of a list come without kind and apiVersion; conditions may look at them.
    return (body?.items ?? []).map((item) => ({ apiVersion, kind, ...item }));
  }

  watch(onChange: () => void): () => void {
    const stops = (this.opts.watchKinds ?? []).map((k) =>
      resilientWatch(
        {
          startVersion: async () => {
            const res = await this.discovery.resolve(k.kind, k.apiVersion);
            const body = (await this.fetch(resourcePath(res, undefined), { limit: '1' })) as { metadata?: { resourceVersion?: string } } | undefined;
            return body?.metadata?.resourceVersion;
          },
          open: async (resourceVersion, onEvent, done) => {
            const res = await this.discovery.resolve(k.kind, k.apiVersion);
            return this.transport.watch(
              resourcePath(res, undefined),
              { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: this.opts.watchTimeoutSeconds ?? 300 },
              onEvent,
              done,
            );
          },
        },
        {
          clock: this.clock,
          onChange,
          onError: (e) => this.opts.onWatchError?.(k, e),
          retrySoon: isUnknownKind,
        },
      ),
    );
    const stop = () => {
      for (const s of stops) s();
      this.stops.delete(stop);
    };
    this.stops.add(stop);
    return stop;
  }

  /** Stops every watch and closes the connections. */
  close(): void {
    for (const stop of [...this.stops]) stop();
    this.transport.close();
  }
}
