import { describe, expect, it } from 'vitest';
import type { ApiError } from '../meta/errors.ts';
import { thrown } from '../meta/testing.ts';
import type { KubeObject } from '../meta/types.ts';
import { createSchemaProvider } from '../openapi/schema-provider.ts';
import { Registry } from '../registry/registry.ts';
import { createSchemaCheck } from '../validation/unknown-fields-check.ts';
import { goPrint } from '../meta/go-print.ts';
import { decodeFields } from './decode-fields.ts';
import type { PatchRequest } from './pieces.ts';

const check = createSchemaCheck(createSchemaProvider());
const deployments = new Registry().lookup('apps', 'v1', 'deployments')!;

const deployment = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    ...spec,
  },
});

const smp = (patch: unknown): PatchRequest => ({ type: 'application/strategic-merge-patch+json', patch });
const merge = (patch: unknown): PatchRequest => ({ type: 'application/merge-patch+json', patch });
const refusal = (obj: KubeObject, source: 'body' | PatchRequest, mode: 'Strict' | 'Warn' = 'Warn') =>
  thrown<ApiError>(() => decodeFields(check, deployments, obj, mode, source));

describe('decoding a patched object', () => {
  it('refuses a strategic merge patch that gives a field the wrong type, as the unstructured converter words it', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ replicas: 'abc' }, 'unrecognized type: int32'],
      [{ replicas: 1.5 }, 'cannot convert float64 to int32'],
      [{ paused: 'yes' }, 'unrecognized type: bool'],
      [{ template: 'x' }, 'cannot restore struct from: string'],
      [{ selector: { matchLabels: ['a'] } }, 'cannot restore map from slice'],
    ];
    for (const [spec, detail] of cases) {
      const patch = { spec };
      const error = refusal(deployment(spec), smp(patch));
      expect([error.code, error.reason, error.details?.causes]).toEqual([
        422,
        'Invalid',
        [{ reason: 'FieldValueInvalid', field: 'patch', message: `Invalid value: ${JSON.stringify(goPrint(patch))}: ${detail}` }],
      ]);
    }
    const image = deployment();
    (image.spec as { template: { spec: { containers: { image: unknown }[] } } }).template.spec.containers[0]!.image = 5;
    expect(refusal(image, smp({ spec: {} })).message).toBe(' "" is invalid: patch: Invalid value: "map[spec:map[]]": cannot convert int64 to string');
  });

  it('refuses a JSON or merge patch with a wrong type as the JSON decoder words it, valued with the patched object', () => {
    const patched = deployment({ replicas: 'abc' });
    const { kind, apiVersion, ...rest } = patched;
    const error = refusal(patched, merge({ spec: { replicas: 'abc' } }));
    expect(error.code).toBe(422);
    expect(error.message).toBe(
      ` "" is invalid: patch: Invalid value: ${JSON.stringify(JSON.stringify({ kind, apiVersion, ...rest }))}: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`,
    );
  });

  it('refuses unknown fields under Strict with the same field, and warns of them otherwise', () => {
    const patched = { ...deployment(), bogus: 1 };
    expect(refusal(patched, smp({ bogus: 1 }), 'Strict').message).toBe(' "" is invalid: patch: Invalid value: "map[bogus:1]": strict decoding error: unknown field "bogus"');
    expect(decodeFields(check, deployments, { ...patched }, 'Warn', smp({ bogus: 1 }))).toEqual(['unknown field "bogus"']);
  });

  it('leaves a well-typed patch alone, and type errors of a body to the body decoder', () => {
    expect(decodeFields(check, deployments, deployment({ replicas: 3 }), 'Strict', smp({ spec: { replicas: 3 } }))).toEqual([]);
    const body = refusal(deployment({ replicas: 'abc' }), 'body');
    expect([body.code, body.message]).toEqual([
      400,
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ]);
  });
});
