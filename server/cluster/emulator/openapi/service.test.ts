import { describe, expect, it } from 'vitest';
import { Registry } from '../registry/registry.ts';
import type { ResourceDef } from '../registry/types.ts';
import { createOpenApiService } from './service.ts';
import type { OpenApiSchema } from './types.ts';

interface Doc {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, unknown> }; 'x-kubernetes-group-version-kind'?: unknown }>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

const parse = (body: Buffer) => JSON.parse(body.toString()) as Doc;

const widgetDef = (schema: unknown): ResourceDef => ({
  group: 'example.com',
  version: 'v1',
  kind: 'Widget',
  resource: 'widgets',
  singular: 'widget',
  namespaced: true,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  storage: { group: 'example.com', resource: 'widgets' },
  subresources: [{ name: 'status', verbs: ['get', 'patch', 'update'] }],
  custom: { crdName: 'widgets.example.com', schema },
});

describe('/openapi/v3 index', () => {
  it('links every served group-version by content hash, stable across calls', () => {
    const service = createOpenApiService(new Registry());
    const index = JSON.parse(service.index().body.toString()) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(index.paths)).toContain('api/v1');
    expect(Object.keys(index.paths)).toContain('apis/apps/v1');
    expect(Object.keys(index.paths)).toContain('apis/autoscaling/v2');
    const apps = service.document('apis/apps/v1')!;
    expect(index.paths['apis/apps/v1']!.serverRelativeURL).toBe(`/openapi/v3/apis/apps/v1?hash=${apps.hash}`);
    expect(apps.hash).toMatch(/^[0-9A-F]{128}$/);
    expect(apps.etag).toBe(apps.hash);
    expect(createOpenApiService(new Registry()).document('/openapi/v3/apis/apps/v1?hash=x&timeout=32s')!.hash).toBe(apps.hash);
    expect(service.document('apis/nothing/v1')).toBeUndefined();
  });

  it('adds, changes and drops custom resource documents as CRDs come and go', () => {
    const registry = new Registry();
    const service = createOpenApiService(registry);
    const before = service.index().body.toString();
    registry.setCustom([widgetDef({ type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } })]);
    const withCrd = JSON.parse(service.index().body.toString()) as { paths: Record<string, { serverRelativeURL: string }> };
    const first = withCrd.paths['apis/example.com/v1']!.serverRelativeURL;
    expect(first).toMatch(/hash=[0-9A-F]+$/);
    registry.setCustom([widgetDef({ type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'string' } } } } })]);
    const changed = JSON.parse(service.index().body.toString()) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(changed.paths['apis/example.com/v1']!.serverRelativeURL).not.toBe(first);
    expect(changed.paths['apis/apps/v1']).toEqual(withCrd.paths['apis/apps/v1']);
    registry.setCustom([]);
    expect(service.index().body.toString()).toBe(before);
  });
});

describe('group-version documents', () => {
  const service = createOpenApiService(new Registry());
  const apps = parse(service.document('apis/apps/v1')!.body);
  const core = parse(service.document('api/v1')!.body);

  it('gives every PATCH the GVK object and the fieldValidation query parameter kubectl looks for', () => {
    const patch = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']!.patch!;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    expect(Object.keys(patch.requestBody!.content)).toEqual([
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
    ]);
    const scale = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']!.patch!;
    expect(scale['x-kubernetes-group-version-kind']).toEqual({ group: 'autoscaling', kind: 'Scale', version: 'v1' });
    for (const [path, item] of Object.entries(apps.paths)) {
      if (item.patch) expect(item.patch.parameters, path).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    }
  });

  it('describes Deployment with descriptions, required fields and its GVK', () => {
    const deployment = apps.components.schemas['io.k8s.api.apps.v1.Deployment']!;
    expect(deployment['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(deployment.description).toMatch(/Deployment enables declarative updates/);
    const spec = apps.components.schemas['io.k8s.api.apps.v1.DeploymentSpec']!;
    expect(spec.required).toEqual(['selector', 'template']);
    expect(spec.properties!.replicas).toMatchObject({ type: 'integer', format: 'int32' });
    expect(spec.properties!.strategy).toMatchObject({ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy', 'x-kubernetes-patch-strategy': 'retainKeys' });
    expect(apps.components.schemas['io.k8s.api.apps.v1.DeploymentStrategy']!.properties!.type!.enum).toEqual(['Recreate', 'RollingUpdate']);
    // Documents are self-contained: the pod types are in apps/v1 too.
    expect(apps.components.schemas['io.k8s.api.core.v1.PodSpec']!.properties!.containers).toMatchObject({
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
  });

  it('publishes the special types as upstream does', () => {
    const s = core.components.schemas;
    expect(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] });
    expect(s['io.k8s.apimachinery.pkg.api.resource.Quantity']).toMatchObject({ oneOf: [{ type: 'string' }, { type: 'number' }] });
    expect(s['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toMatchObject({ type: 'string', format: 'date-time' });
    expect(s['io.k8s.api.core.v1.ResourceRequirements']!.properties!.limits!.additionalProperties).toEqual({ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' });
    expect(s['io.k8s.api.core.v1.ServiceSpec']!.properties!.type!.enum).toEqual(['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
    expect(s['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector']!['x-kubernetes-map-type']).toBe('atomic');
  });

  it('keeps to the fields of Kubernetes 1.32', () => {
    const podSpec = core.components.schemas['io.k8s.api.core.v1.PodSpec']!.properties!;
    expect(podSpec).toHaveProperty('containers');
    expect(podSpec).not.toHaveProperty('hostnameOverride');
  });

  it('serves custom resources from the CRD schema without strategic merge patch', () => {
    const registry = new Registry();
    registry.setCustom([widgetDef({ type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } })]);
    const doc = parse(createOpenApiService(registry).document('apis/example.com/v1')!.body);
    const widget = doc.components.schemas['com.example.v1.Widget']!;
    expect(widget['x-kubernetes-group-version-kind']).toEqual([{ group: 'example.com', kind: 'Widget', version: 'v1' }]);
    expect(widget.properties!.metadata).toEqual({ allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }], description: "Standard object's metadata." });
    expect(doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).toBeDefined();
    const patch = doc.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}']!.patch!;
    expect(Object.keys(patch.requestBody!.content)).not.toContain('application/strategic-merge-patch+json');
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
  });
});

describe('/openapi/v2', () => {
  it('is an empty protobuf document, so that kubectl skips client-side validation of kinds v3 does not list', () => {
    const v2 = createOpenApiService(new Registry()).v2();
    expect(v2.contentType).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    expect(v2.body.length).toBe(0);
    expect(v2.etag).toMatch(/^[0-9A-F]{128}$/);
  });
});
