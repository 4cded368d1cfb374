import type { IncomingMessage } from 'node:http';
import { Discovery } from '../emulator/apiserver/discovery.ts';
import type { LogSource } from '../emulator/apiserver/pieces.ts';
import type { ClusterRuntime, OpenApiSource, ProxyHandler, RequestRecord, UpgradeHandler, VirtualCreate } from '../emulator/apiserver/http/runtime.ts';
import {
  adminToken,
  createAuthenticator,
  createRbacAuthorizer,
  eksIssuer,
  EKS_API_AUDIENCES,
  forbiddenError,
  impersonate,
  impersonationRequest,
  issueServiceAccountToken,
  requestAttributes,
  reviews,
  serviceAccountTokenAuthenticator,
  staticTokenAuthenticator,
  type ServiceAccountTokenConfig,
  type TokenAuthenticator,
} from '../emulator/auth/index.ts';
import type { EmulatedCluster } from '../emulator/cluster.ts';
import { evictPod } from '../emulator/controllers/index.ts';
import type { KubeObject } from '../emulator/meta/types.ts';
import { customResourcePrinter, printerFor, type TablePrinter } from '../emulator/printers/index.ts';
import type { ResourceDef } from '../emulator/registry/types.ts';
import { eksVersion } from '../emulator/version.ts';
import type { ClusterSecrets } from './cluster-secrets.ts';

/** Pieces shared by every cluster of the process, each built per cluster where it needs the cluster. */
export interface ClusterServices {
  openapi?: (cluster: EmulatedCluster) => OpenApiSource;
  decodeProtobuf?: (body: Buffer) => KubeObject;
  /** More token authenticators (the simulated EKS's IAM tokens), tried after the cluster's own. */
  tokenAuthenticators?: (cluster: EmulatedCluster) => TokenAuthenticator[];
  onRequest?: (clusterId: string, record: RequestRecord) => void;
}

export interface RuntimeInput {
  id: string;
  cluster: EmulatedCluster;
  logs?: LogSource;
  upgrade?: UpgradeHandler;
  proxy?: ProxyHandler;
  secrets: ClusterSecrets;
  region: string;
  /** Kubernetes minor version, e.g. `32`. */
  minor: string;
  services: ClusterServices;
}

/** Builds everything the HTTP layer needs to serve one emulated cluster. */
export function buildRuntime(input: RuntimeInput): ClusterRuntime {
  const { cluster, secrets, services } = input;
  const tokens: ServiceAccountTokenConfig = {
    issuer: eksIssuer(input.region, input.secrets.oidcId),
    signingKey: secrets.serviceAccountKey,
    apiAudiences: EKS_API_AUDIENCES,
  };
  const authenticator = createAuthenticator({
    tokenAuthenticators: [
      staticTokenAuthenticator([adminToken(secrets.adminToken, 'podium:platform'), adminToken(secrets.ownerToken, 'kubernetes-admin')]),
      serviceAccountTokenAuthenticator(tokens, { store: cluster.store, clock: cluster.clock }),
      ...(services.tokenAuthenticators?.(cluster) ?? []),
    ],
  });
  const authorizer = createRbacAuthorizer(cluster.store);
  const printers = new WeakMap<ResourceDef, TablePrinter>();
  const tokenDeps = { store: cluster.store, clock: cluster.clock, config: tokens };

  const created = (body: unknown) => ({ code: 201, body });
  const virtual = new Map<string, VirtualCreate>([
    ['authorization.k8s.io/selfsubjectaccessreviews', ({ user, body }) => created(reviews.selfSubjectAccessReview(authorizer, user, body))],
    ['authorization.k8s.io/subjectaccessreviews', ({ body }) => created(reviews.subjectAccessReview(authorizer, body))],
    ['authorization.k8s.io/localsubjectaccessreviews', ({ namespace, body }) => created(reviews.localSubjectAccessReview(authorizer, namespace ?? '', body))],
    ['authorization.k8s.io/selfsubjectrulesreviews', ({ user, body }) => created(reviews.selfSubjectRulesReview(authorizer, user, body))],
    ['authentication.k8s.io/selfsubjectreviews', ({ user }) => created(reviews.selfSubjectReview(user, cluster.clock.now()))],
    ['authentication.k8s.io/tokenreviews', ({ body }) => created(reviews.tokenReview(authenticator, body))],
    ['/serviceaccounts/token', ({ namespace, name, body }) => created(issueServiceAccountToken(tokenDeps, namespace ?? 'default', name ?? '', body).object)],
    ['/pods/eviction', ({ namespace, name, dryRun }) => {
      evictPod({ api: cluster.api, store: cluster.store, registry: cluster.registry, clock: cluster.clock }, namespace ?? 'default', name ?? '', { dryRun });
      return created({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    }],
  ]);

  const openapi = services.openapi?.(cluster);
  const logs = input.logs;
  const upgrade = input.upgrade;
  const proxy = input.proxy;
  return {
    id: input.id,
    cluster,
    discovery: new Discovery(cluster.registry, '10.0.1.23:443'),
    version: eksVersion(input.minor),
    authenticate(req: IncomingMessage) {
      return authenticator.authenticate({
        authorization: req.headers.authorization,
        path: new URL(req.url ?? '/', 'https://x').pathname,
        websocketProtocols: req.headers['sec-websocket-protocol'],
      });
    },
    impersonate(user, req) {
      const wanted = impersonationRequest(req.headers);
      return wanted ? impersonate(authorizer, user, wanted) : user;
    },
    authorize(user, info) {
      const attrs = requestAttributes(info);
      const decision = authorizer.authorize(user, attrs);
      if (!decision.allowed) throw forbiddenError(user, attrs, decision.reason);
    },
    printer(def) {
      let printer = printers.get(def);
      if (!printer) {
        printer = def.custom ? customResourcePrinter(def.custom.additionalPrinterColumns ?? []) : printerFor(def.group, def.kind);
        printers.set(def, printer);
      }
      return printer;
    },
    virtual,
    ...(openapi ? { openapi } : {}),
    ...(services.decodeProtobuf ? { decodeProtobuf: services.decodeProtobuf } : {}),
    ...(logs ? { logs } : {}),
    ...(upgrade ? { upgrade } : {}),
    ...(proxy ? { proxy } : {}),
    ...(services.onRequest ? { onRequest: (r: RequestRecord) => services.onRequest!(input.id, r) } : {}),
  };
}
