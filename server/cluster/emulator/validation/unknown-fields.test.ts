import { describe, expect, it } from 'vitest';
import { createSchemaProvider } from '../openapi/schema-provider.ts';
import { Registry } from '../registry/registry.ts';
import type { ResourceDef } from '../registry/types.ts';
import { createSchemaCheck } from './unknown-fields-check.ts';

const registry = new Registry();
const check = createSchemaCheck(createSchemaProvider());
const deployments = registry.lookup('apps', 'v1', 'deployments')!;

describe('unknown fields of built-in types', () => {
  it('names them with upstream dotted paths and list indexes', () => {
    const body = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { 'any.key/x': 'v' }, annotations: { a: 'b' } },
      spec: {
        replicaz: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'a', image: 'nginx', resources: { limits: { cpu: '1', memory: 2 } }, ports: [{ containerPort: 80, hostPortz: 1 }] },
              { name: 'b', image: 'nginx', imagePullPolice: 'Always' },
            ],
          },
        },
      },
      status: { bogus: true },
    };
    expect(check.unknownFields(deployments, body)).toEqual([
      'spec.replicaz',
      'spec.template.spec.containers[0].ports[0].hostPortz',
      'spec.template.spec.containers[1].imagePullPolice',
      'status.bogus',
    ]);
  });

  it('accepts IntOrString, Quantity, Time and free-form objects', () => {
    const cr = registry.lookup('apps', 'v1', 'controllerrevisions')!;
    expect(check.unknownFields(cr, { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { creationTimestamp: null }, data: { anything: { goes: 1 } }, revision: 1 })).toEqual([]);
    const svc = registry.lookup('', 'v1', 'services')!;
    expect(check.unknownFields(svc, { spec: { ports: [{ port: 80, targetPort: 'http' }] } })).toEqual([]);
  });

  it('checks a Scale sent to deployments/scale against the Scale schema', () => {
    expect(check.unknownFields(deployments, { apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 3 }, status: { selector: 'app=web', foo: 1 } })).toEqual(['status.foo']);
  });
});

describe('unknown fields of custom resources', () => {
  const widgets: ResourceDef = {
    group: 'example.com',
    version: 'v1',
    kind: 'Widget',
    resource: 'widgets',
    singular: 'widget',
    namespaced: true,
    verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'],
    storage: { group: 'example.com', resource: 'widgets' },
    custom: {
      crdName: 'widgets.example.com',
      schema: {
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            properties: {
              size: { type: 'integer' },
              free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              strict: { type: 'object' },
              items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
              embedded: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', properties: {} } } },
            },
          },
        },
      },
    },
  };

  it('follows structural pruning: undeclared fields are unknown unless preserved', () => {
    const body = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', labelz: {} },
      spec: {
        size: 1,
        colour: 'red',
        free: { a: { b: 1 } },
        strict: { x: 1 },
        items: [{ name: 'a', extra: true }],
        embedded: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, other: 1 },
      },
    };
    expect(check.unknownFields(widgets, body)).toEqual(['metadata.labelz', 'spec.colour', 'spec.strict.x', 'spec.items[0].extra', 'spec.embedded.other']);
  });

  it('checks built-in parts of a custom resource as built-in types (managedFields are free-form)', () => {
    const body = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': { 'f:size': {} } } }] }, spec: { size: 1 } };
    expect(check.unknownFields(widgets, body)).toEqual([]);
  });

  it('accepts anything when the version has no schema', () => {
    const open: ResourceDef = { ...widgets, custom: { crdName: 'widgets.example.com' } };
    expect(check.unknownFields(open, { spec: { whatever: [1, 2] } })).toEqual([]);
  });
});
