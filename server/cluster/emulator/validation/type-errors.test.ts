import { describe, expect, it } from 'vitest';
import { createSchemaProvider } from '../openapi/schema-provider.ts';
import { Registry } from '../registry/registry.ts';
import { createSchemaCheck } from './unknown-fields-check.ts';

const registry = new Registry();
const check = createSchemaCheck(createSchemaProvider());
const def = (g: string, v: string, r: string) => registry.lookup(g, v, r)!;
const typeError = (g: string, v: string, r: string, obj: unknown) => check.typeError!(def(g, v, r), obj);

const deployment = (spec: Record<string, unknown>, container: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ...container }] } },
    ...spec,
  },
});

describe('JSON type errors of built-in kinds', () => {
  it('accepts a well-typed object, with quantities, int-or-strings and times in either form', () => {
    const ok = deployment(
      { replicas: 2, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } }, progressDeadlineSeconds: 600 },
      { ports: [{ containerPort: 80 }], resources: { limits: { cpu: 1, memory: '128Mi' } }, env: [{ name: 'A', value: 'b' }], readinessProbe: { httpGet: { port: 'http' } } },
    );
    expect(typeError('apps', 'v1', 'deployments', { ...ok, metadata: { ...ok.metadata, creationTimestamp: null } })).toBeUndefined();
  });

  it('names the struct, the path without list indexes and the Go type', () => {
    expect(typeError('apps', 'v1', 'deployments', deployment({ replicas: '3' }))).toBe(
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(typeError('apps', 'v1', 'deployments', deployment({}, { env: [{ name: 'PORT', value: 8080 }] }))).toBe(
      'json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
    );
    expect(typeError('apps', 'v1', 'deployments', deployment({}, { ports: [{ containerPort: 80.5 }] }))).toBe(
      'json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    );
    expect(typeError('apps', 'v1', 'deployments', { ...deployment({}), spec: [] })).toBe(
      'json: cannot unmarshal array into Go struct field Deployment.spec of type v1.DeploymentSpec',
    );
    expect(typeError('apps', 'v1', 'deployments', deployment({}, { ports: { containerPort: 80 } }))).toBe(
      'json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.ports of type []v1.ContainerPort',
    );
  });

  it('reports a map value at its map field', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { tier: true } }, data: { port: 8080 } };
    expect(typeError('', 'v1', 'configmaps', cm)).toBe('json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string');
    expect(typeError('', 'v1', 'configmaps', { ...cm, metadata: { name: 'c' } })).toBe('json: cannot unmarshal number into Go struct field ConfigMap.data of type string');
  });
});

describe('conversion errors of built-in kinds (the decoding of a strategic merge result)', () => {
  const conversionError = (obj: unknown) => check.conversionError!(def('apps', 'v1', 'deployments'), obj);

  it('words each mismatch as the unstructured converter does', () => {
    expect(conversionError(deployment({ replicas: 2 }))).toBeUndefined();
    expect(conversionError(deployment({ replicas: '3' }))).toBe('unrecognized type: int32');
    expect(conversionError(deployment({ replicas: 2.5 }))).toBe('cannot convert float64 to int32');
    expect(conversionError(deployment({}, { image: 7 }))).toBe('cannot convert int64 to string');
    expect(conversionError(deployment({}, { image: 7.5 }))).toBe('unrecognized type: string');
    expect(conversionError(deployment({}, { stdin: 'yes' }))).toBe('unrecognized type: bool');
    expect(conversionError(deployment({}, { ports: { containerPort: 80 } }))).toBe('cannot restore slice from map');
    expect(conversionError({ ...deployment({}), spec: 'x' })).toBe('cannot restore struct from: string');
  });

  it('lets a whole number through where an integer is declared, whatever its size (Go converts it)', () => {
    expect(conversionError(deployment({ replicas: 2 ** 40 }))).toBeUndefined();
  });
});
