import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../meta/errors.ts';
import { loadGoFacts } from '../openapi/facts-file.ts';
import { createProtobufCodec, PROTOBUF_MAGIC, rootFromDescriptors, unavailableCodec } from './codec.ts';
import { loadDescriptors } from './descriptor-cache.ts';
import { fileNames } from './descriptor-scan.ts';
import { locateKubectlBinary } from './locate-binary.ts';

const binary = locateKubectlBinary();
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.bin`, import.meta.url));
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, creationTimestamp: null, ...extra });

/** Bodies captured from kubectl 1.32 and the JSON kubectl 1.31 would have sent for them. */
const golden: Record<string, unknown> = {
  'deployment-replicas-0': {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: meta('web0', { labels: { app: 'web0' } }),
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'web0' } },
      template: { metadata: { creationTimestamp: null, labels: { app: 'web0' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
      strategy: {},
    },
    status: {},
  },
  'deployment-port-replicas-3': {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: meta('web3', { labels: { app: 'web3' } }),
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web3' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'web3' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: {} }] },
      },
      strategy: {},
    },
    status: {},
  },
  configmap: { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta('cm1'), data: { a: '1', b: 'two' } },
  'secret-generic': { kind: 'Secret', apiVersion: 'v1', metadata: meta('s1'), data: { password: Buffer.from('s3cr3t').toString('base64') } },
  'service-nodeport': {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: meta('np1', { labels: { app: 'np1' } }),
    spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 'np1' }, type: 'NodePort' },
    status: { loadBalancer: {} },
  },
  'auth-can-i': {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'pods' } },
    status: { allowed: false },
  },
  token: {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { audiences: null },
    status: { token: '', expirationTimestamp: null },
  },
  'token-duration-audience': {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { audiences: ['api'], expirationSeconds: 600 },
    status: { token: '', expirationTimestamp: null },
  },
  autoscale: {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: meta('app'),
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'app', apiVersion: 'apps/v1' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80 },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  },
  pdb: {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: meta('pdb1'),
    spec: { minAvailable: '50%', selector: { matchLabels: { app: 'app' } } },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  },
  quota: { kind: 'ResourceQuota', apiVersion: 'v1', metadata: meta('q1'), spec: { hard: { cpu: '1', memory: '1G', pods: '10' } }, status: {} },
  priorityclass: { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: meta('pc1'), value: 0, description: 'low', preemptionPolicy: 'PreemptLowerPriority' },
  ingress: {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: meta('ing1'),
    spec: { rules: [{ host: 'foo.com', http: { paths: [{ path: '/bar', pathType: 'Prefix', backend: { service: { name: 'svc1', port: { number: 8080 } } } }] } }] },
    status: { loadBalancer: {} },
  },
  role: { kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta('r1'), rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }] },
  namespace: { kind: 'Namespace', apiVersion: 'v1', metadata: meta('nsx'), spec: {}, status: {} },
  'delete-options-drain': { kind: 'DeleteOptions', apiVersion: 'v1' },
};

describe.skipIf(!binary)('protobuf bodies captured from kubectl 1.32', () => {
  const source = loadDescriptors(binary!, join(tmpdir(), 'podium-test-descriptors'));
  const codec = createProtobufCodec(source.descriptors, loadGoFacts());

  it('extracts the k8s.io descriptors from the binary', () => {
    const names = fileNames(source.descriptors);
    expect(names).toContain('k8s.io/api/core/v1/generated.proto');
    expect(names).toContain('k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto');
    expect(names.every((n) => n.startsWith('k8s.io/'))).toBe(true);
  });

  for (const [name, expected] of Object.entries(golden)) {
    it(`decodes ${name}`, () => {
      expect(codec.decodeObject(fixture(name))).toEqual(expected);
    });
  }

  it('keeps JSON key order as Go marshals the struct', () => {
    expect(Object.keys(codec.decodeObject(fixture('service-nodeport')).spec as object)).toEqual(['ports', 'selector', 'type']);
  });

  it('converts times, quantities, IntOrString strings, zero pointers and absent value structs', () => {
    const root = rootFromDescriptors(source.descriptors);
    const Pod = root.lookupType('k8s.io.api.core.v1.Pod');
    const Unknown = root.lookupType('k8s.io.apimachinery.pkg.runtime.Unknown');
    const pod = Pod.encode(
      Pod.fromObject({
        metadata: { name: 'p', creationTimestamp: { seconds: 1767261600 }, generation: 3 },
        spec: {
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: 0,
          containers: [{ name: 'c', resources: { limits: [{ key: 'cpu', value: { string: '500m' } }] }, livenessProbe: { handler: { httpGet: { port: { type: 1, strVal: 'http' } } } } }],
        },
      }),
    ).finish();
    const body = Buffer.concat([PROTOBUF_MAGIC, Buffer.from(Unknown.encode({ typeMeta: { apiVersion: 'v1', kind: 'Pod' }, raw: pod }).finish())]);
    expect(codec.decodeObject(body)).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'p', generation: 3, creationTimestamp: '2026-01-01T10:00:00Z' },
      spec: {
        containers: [{ name: 'c', resources: { limits: { cpu: '500m' } }, livenessProbe: { httpGet: { port: 'http' } } }],
        terminationGracePeriodSeconds: 0,
        automountServiceAccountToken: false,
      },
      // A value (not pointer) struct is always there in Go, so in its JSON too.
      status: {},
    });
  });

  it('answers 400 for a body without the k8s magic', () => {
    let err: ApiError | undefined;
    try {
      codec.decodeObject(Buffer.from('{"kind":"Pod"}'));
    } catch (e) {
      err = e as ApiError;
    }
    expect(err?.code).toBe(400);
  });
});

describe('without a kubectl binary', () => {
  it('answers 415 as a server without protobuf support does', () => {
    const codec = unavailableCodec('no binary');
    expect(codec.available).toBe(false);
    expect(() => codec.decodeObject(fixture('configmap'))).toThrowError(
      expect.objectContaining({ code: 415, reason: 'UnsupportedMediaType', message: 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml' }),
    );
  });
});
