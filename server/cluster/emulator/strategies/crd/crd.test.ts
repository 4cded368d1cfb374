import { describe, expect, it } from 'vitest';
import { definitionsOf } from '../../crd/definitions.ts';
import { testCluster } from '../testing.ts';

const CRD_GROUP = 'apiextensions.k8s.io';
const crd = (name: string, spec: object = {}) => ({
  apiVersion: `${CRD_GROUP}/v1`,
  kind: 'CustomResourceDefinition',
  metadata: { name },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', kind: 'Widget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['color'],
                properties: {
                  size: { type: 'integer', default: 3, minimum: 1 },
                  color: { type: 'string', enum: ['red', 'blue'] },
                  extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                },
              },
              status: { type: 'object', properties: { ready: { type: 'boolean' } } },
            },
          },
        },
      },
    ],
    ...spec,
  },
});

describe('CustomResourceDefinitions', () => {
  it('default names and conversion, and record the stored version', () => {
    const c = testCluster();
    const created = c.create(CRD_GROUP, 'v1', 'customresourcedefinitions', crd('widgets.example.com'));
    expect(created.spec).toMatchObject({ names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' }, conversion: { strategy: 'None' } });
    expect(created.status).toMatchObject({ storedVersions: ['v1'] });
  });

  it('take the apiextensions cleanup finalizer, which a built-in kind could not carry', () => {
    const c = testCluster();
    const finalizers = ['customresourcecleanup.apiextensions.k8s.io'];
    const created = c.create(CRD_GROUP, 'v1', 'customresourcedefinitions', crd('widgets.example.com'));
    const def = c.def(CRD_GROUP, 'v1', 'customresourcedefinitions');
    const updated = c.api.update(def, undefined, 'widgets.example.com', { ...created, metadata: { ...created.metadata, finalizers } }).object;
    expect(updated.metadata.finalizers).toEqual(finalizers);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers } };
    expect(c.fails(() => c.create('', 'v1', 'configmaps', cm)).message).toBe(
      'ConfigMap "c" is invalid: metadata.finalizers: Invalid value: "customresourcecleanup.apiextensions.k8s.io": name is neither a standard finalizer name nor is it fully qualified',
    );
  });

  it('need the <plural>.<group> name and exactly one storage version', () => {
    const c = testCluster();
    expect(c.fails(() => c.create(CRD_GROUP, 'v1', 'customresourcedefinitions', crd('widgets'))).message).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "widgets" is invalid: metadata.name: Invalid value: "widgets": must be spec.names.plural+"."+spec.group',
    );
    const noStorage = crd('widgets.example.com', { versions: [{ name: 'v1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object' } } }] });
    expect(c.fails(() => c.create(CRD_GROUP, 'v1', 'customresourcedefinitions', noStorage)).message).toContain('spec.versions: Invalid value: ');
    expect(c.fails(() => c.create(CRD_GROUP, 'v1', 'customresourcedefinitions', noStorage)).message).toMatch(/must have exactly one version marked as storage version$/);
  });
});

describe('custom resources', () => {
  function withWidgets() {
    const c = testCluster();
    const created = c.create(CRD_GROUP, 'v1', 'customresourcedefinitions', crd('widgets.example.com'));
    c.registry.setCustom(definitionsOf(created));
    return c;
  }

  it('prune unknown fields, keep preserved ones, and apply schema defaults', () => {
    const c = withWidgets();
    const w = c.create('example.com', 'v1', 'widgets', {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { color: 'red', bogus: 1, extra: { anything: { goes: true } } },
      status: { ready: true },
    });
    expect(w.spec).toEqual({ color: 'red', size: 3, extra: { anything: { goes: true } } });
    expect(w.status).toBeUndefined();
    expect(w.metadata.generation).toBe(1);
  });

  it('validate against the schema with OpenAPI messages', () => {
    const c = withWidgets();
    const widget = (spec: object) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec });
    expect(c.fails(() => c.create('example.com', 'v1', 'widgets', widget({ color: 'green', size: 0 }))).message).toBe(
      'Widget.example.com "w" is invalid: [spec.color: Unsupported value: "green": supported values: "red", "blue", spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1]',
    );
    expect(c.fails(() => c.create('example.com', 'v1', 'widgets', widget({ size: 2 }))).message).toBe('Widget.example.com "w" is invalid: spec.color: Required value');
  });
});
