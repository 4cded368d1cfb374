/** What the exec handler needs from its cluster, and the defaults for what it may be given. */
import { realClock, type Clock } from '../clock.ts';
import type { LogSource } from '../apiserver/pieces.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { rec, str, storeReader } from './container/cluster-reader.ts';
import { SourceHistory } from './container/source-history.ts';
import { defaultImageSource, type ImageSource } from './container/image.ts';
import { LayerStore } from './container/layers.ts';
import type { TokenSource } from './container/volumes.ts';
import type { World } from './container/world.ts';
import type { HttpRequest, HttpResponse } from './http-message.ts';
import type { ServedRequest } from './network/routing.ts';
import type { ProcessFiles } from './container/process-files.ts';
import { unsignedToken } from './container/token.ts';

export interface ExecDeps {
  /** The cluster's objects: pods, services, ConfigMaps, Secrets, nodes. */
  store: ObjectStore;
  clock?: Clock;
  /** The node simulation's registries for this cluster (resolves the account's ECR images); the public catalogue otherwise. */
  images?: ImageSource;
  /** Region of the cluster (else read from the nodes' `topology.kubernetes.io/region`, else us-west-2). */
  region?: string;
  /** kube-dns ClusterIP (else the `kube-system/kube-dns` Service's, else 10.100.0.10). */
  clusterDns?: string;
  clusterDomain?: string;
  /** The VPC resolver, for `dnsPolicy: Default` (VPC base + 2). */
  vpcResolver?: string;
  /** Issues the token of projected service account volumes; a well-formed but unsigned token otherwise. */
  serviceAccountToken?: TokenSource;
  /** Container logs, for `kubectl attach` to a non-shell process. */
  logs?: LogSource;
  /** Called when the shell a client attached to (the container's main process) exits. */
  onMainProcessExit?(namespace: string, pod: string, container: string, exitCode: number): void;
  /** Answers requests from pods to the API server's Service (`https://kubernetes.default.svc`). */
  apiServer?(req: HttpRequest): HttpResponse;
  /** How long connecting to an address nobody answers takes to fail (default 130 s, as Linux's SYN retries). */
  connectTimeoutMs?: number;
  /** Files written by exec sessions (share one between handlers of the same cluster). */
  layers?: LayerStore;
  /** Told of every HTTP request a simulated server answered (curl from a pod, port-forward): for access logs. */
  onRequestServed?(e: ServedRequest): void;
  /** Files the containers' main processes have written (the node simulation's), shown to exec and served by web servers. */
  processFiles?: ProcessFiles;
}

export function buildWorld(deps: ExecDeps): World {
  const clock = deps.clock ?? realClock;
  const reader = storeReader(deps.store, new SourceHistory(deps.store, clock));
  const nodeRegion = () => {
    for (const n of deps.store.list({ group: '', resource: 'nodes' })) {
      const r = str(rec(n.metadata.labels)['topology.kubernetes.io/region']);
      if (r) return r;
    }
    return undefined;
  };
  const kubeDns = () => str(rec(reader.services('kube-system').find((s) => s.metadata.name === 'kube-dns')?.spec).clusterIP) || undefined;
  return {
    reader,
    images: deps.images ?? defaultImageSource,
    layers: deps.layers ?? new LayerStore(),
    clock,
    dns: {
      get clusterDns() {
        return deps.clusterDns ?? kubeDns() ?? '10.100.0.10';
      },
      clusterDomain: deps.clusterDomain ?? 'cluster.local',
      get region() {
        return deps.region ?? nodeRegion() ?? 'us-west-2';
      },
      vpcResolver: deps.vpcResolver ?? '192.168.0.2',
    },
    token: deps.serviceAccountToken ?? ((req) => unsignedToken(req, clock.now(), deps.region ?? nodeRegion() ?? 'us-west-2')),
    connectTimeoutMs: deps.connectTimeoutMs ?? 130_000,
    ...(deps.apiServer ? { apiServer: deps.apiServer } : {}),
    ...(deps.onRequestServed ? { onServed: deps.onRequestServed } : {}),
    ...(deps.processFiles ? { processFiles: deps.processFiles } : {}),
    turns: new Map(),
  };
}
