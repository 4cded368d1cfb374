import { describe, expect, it } from 'vitest';
import { evaluate, parseJsonPath } from './jsonpath.ts';

const data = {
  metadata: { name: 'n', labels: { 'app.kubernetes.io/name': 'web' } },
  status: {
    conditions: [
      { type: 'Ready', status: 'False', observedGeneration: 1 },
      { type: 'Synced', status: 'True', observedGeneration: 2 },
      { type: 'Ready', status: 'True', observedGeneration: 3 },
    ],
    nothing: null,
  },
};
const run = (path: string) => evaluate(parseJsonPath(path), data);

// client-go util/jsonpath, as the CRD table convertor uses it (missing keys allowed).
describe('jsonpath', () => {
  it('follows fields, escaped dots and bracket keys', () => {
    expect(run('.metadata.name')).toEqual(['n']);
    expect(run('{.metadata.name}')).toEqual(['n']);
    expect(run('$.metadata.name')).toEqual(['n']);
    expect(run('.metadata.labels.app\\.kubernetes\\.io/name')).toEqual(['web']);
    expect(run(".metadata.labels['app.kubernetes.io/name']")).toEqual(['web']);
  });

  it('filters lists, keeping every match in order', () => {
    expect(run('.status.conditions[?(@.type=="Ready")].status')).toEqual(['False', 'True']);
    expect(run(".status.conditions[?(@.type!='Ready')].type")).toEqual(['Synced']);
    expect(run('.status.conditions[?(@.observedGeneration>1)].type')).toEqual(['Synced', 'Ready']);
    expect(run('.status.conditions[?(@.observedGeneration)].type')).toHaveLength(3);
  });

  it('indexes, slices and wildcards', () => {
    expect(run('.status.conditions[1].type')).toEqual(['Synced']);
    expect(run('.status.conditions[-1].status')).toEqual(['True']);
    expect(run('.status.conditions[0:2].type')).toEqual(['Ready', 'Synced']);
    expect(run('.status.conditions[*].type')).toEqual(['Ready', 'Synced', 'Ready']);
  });

  it('finds nothing for missing keys, nulls and out-of-range indexes', () => {
    expect(run('.spec.replicas')).toEqual([]);
    expect(run('.status.nothing')).toEqual([]);
    expect(run('.status.conditions[7].type')).toEqual([]);
    expect(run('.metadata.name.first')).toEqual([]);
  });

  it('rejects what it cannot parse', () => {
    expect(() => parseJsonPath('.a[?(@.x ~ 1)]')).toThrow();
    expect(() => parseJsonPath('.a[')).toThrow();
  });
});
