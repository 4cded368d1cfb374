import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EmulatedCluster } from '../../cluster.ts';
import type { KubeObject, UserInfo } from '../../meta/types.ts';
import type { TablePrinter } from '../../printers/types.ts';
import type { ResourceDef } from '../../registry/types.ts';
import type { Discovery } from '../discovery.ts';
import type { LogSource } from '../pieces.ts';
import type { RequestInfo } from '../request-info.ts';

/** The answer to `GET /version`. */
export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export interface OpenApiDocument {
  body: string | Buffer;
  etag: string;
  /** `application/json` unless given. */
  contentType?: string;
}

export interface OpenApiSource {
  index(): OpenApiDocument;
  /** `/openapi/v2`; 404 when absent. */
  v2?(): OpenApiDocument;
  /** `path` as in the index: `api/v1`, `apis/apps/v1`. */
  document(path: string): OpenApiDocument | undefined;
}

/** A write to a resource that is not stored: reviews, token requests, bindings, evictions. */
export type VirtualCreate = (ctx: {
  user: UserInfo;
  namespace: string | undefined;
  name: string | undefined;
  body: KubeObject;
  dryRun: boolean;
}) => { code: number; body: unknown };

/** An upgraded connection for `pods/exec`, `pods/attach` or `pods/portforward`. */
export type UpgradeHandler = (ctx: {
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  user: UserInfo;
  namespace: string;
  pod: string;
  subresource: string;
  query: URLSearchParams;
}) => void;

/** A request through `pods|services|nodes/<name>/proxy/…`. */
export interface ProxyRequest {
  resource: 'pods' | 'services' | 'nodes';
  namespace?: string;
  /** As the URL names it: `web`, `web:80`, `web:http`, `https:web:443`. */
  name: string;
  /** Path below `/proxy`, with its query: `/`, `/index.html?x=1`. */
  target: string;
  method: string;
  headers: [string, string][];
  body: string;
}

/** The backend's HTTP answer, passed on to the client. */
export interface ProxyResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

/** The API server's proxy to a pod, Service or node; refusals are thrown as ApiErrors. */
export type ProxyHandler = (request: ProxyRequest) => ProxyResponse;

/** One record per API request, for the platform (e.g. "the learner ran `kubectl scale`"). */
export interface RequestRecord {
  time: number;
  user: string;
  verb: string;
  path: string;
  code: number;
  /** `Kubectl-Command` header: `kubectl apply`. */
  kubectlCommand?: string;
  /** `Kubectl-Session` header: one per kubectl invocation. */
  kubectlSession?: string;
}

/** Everything the HTTP layer needs from one emulated cluster. */
export interface ClusterRuntime {
  id: string;
  cluster: EmulatedCluster;
  discovery: Discovery;
  version: VersionInfo;
  /** Who is calling: a user, `system:anonymous`, or a thrown 401. */
  authenticate(req: IncomingMessage): UserInfo;
  /** The user the request acts as (`Impersonate-*` headers), or `user`; throws 403 when that is not allowed. */
  impersonate?(user: UserInfo, req: IncomingMessage): UserInfo;
  /** Throws the 403 Status when RBAC denies the request. */
  authorize(user: UserInfo, info: RequestInfo): void;
  printer(def: ResourceDef): TablePrinter;
  openapi?: OpenApiSource;
  decodeProtobuf?: (body: Buffer) => KubeObject;
  logs?: LogSource;
  upgrade?: UpgradeHandler;
  proxy?: ProxyHandler;
  /** Keyed `group/resource` (and `group/resource/subresource` for subresources such as `/serviceaccounts/token`). */
  virtual: Map<string, VirtualCreate>;
  onRequest?(record: RequestRecord): void;
}
