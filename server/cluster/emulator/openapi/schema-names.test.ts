import { describe, expect, it } from 'vitest';
import { parseGoField } from './facts.ts';
import { indexSchemaNames, schemaNameFor } from './schema-names.ts';

const index = indexSchemaNames([
  'io.k8s.api.apps.v1.Deployment',
  'io.k8s.api.core.v1.EndpointPort',
  'io.k8s.api.discovery.v1.EndpointPort',
  'io.k8s.api.core.v1.Event',
  'io.k8s.api.events.v1.Event',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions',
  'io.k8s.api.core.v1.Preconditions',
]);

describe('schemaNameFor', () => {
  it('recovers the package of a client model name', () => {
    expect(schemaNameFor('V1Deployment', index)).toBe('io.k8s.api.apps.v1.Deployment');
    expect(schemaNameFor('CoreV1EndpointPort', index)).toBe('io.k8s.api.core.v1.EndpointPort');
    expect(schemaNameFor('DiscoveryV1EndpointPort', index)).toBe('io.k8s.api.discovery.v1.EndpointPort');
    expect(schemaNameFor('EventsV1Event', index)).toBe('io.k8s.api.events.v1.Event');
    expect(schemaNameFor('V1Preconditions', index)).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions');
    expect(schemaNameFor('V1VersionThing', index, 'io.k8s.api.apps')).toBe('io.k8s.api.apps.v1.VersionThing');
    expect(schemaNameFor('V1VersionThing', index)).toBeUndefined();
    expect(schemaNameFor('VersionInfo', index)).toBe('io.k8s.apimachinery.pkg.version.Info');
  });
});

describe('parseGoField', () => {
  it('reads the compact field facts', () => {
    expect(parseGoField('replicas*')).toEqual({ json: 'replicas', proto: 'replicas', pointer: true, always: false, required: false });
    expect(parseGoField('selector*!')).toMatchObject({ pointer: true, always: true, required: true });
    expect(parseGoField('serviceName!?')).toMatchObject({ always: true, required: false });
    expect(parseGoField('=volumeSource^io.k8s.api.core.v1.VolumeSource')).toMatchObject({ json: '', proto: 'volumeSource', inline: 'io.k8s.api.core.v1.VolumeSource' });
    expect(parseGoField('limits@QM')).toMatchObject({ quantity: 'map' });
    expect(parseGoField('type{|Directory|File}')).toMatchObject({ enum: ['', 'Directory', 'File'] });
    expect(() => parseGoField('bad entry')).toThrow(/cannot parse/);
  });
});
