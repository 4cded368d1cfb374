import { describe, expect, it } from 'vitest';
import { authoredCheckSchema } from '../../src/schemas/check.ts';
import { watchedKinds } from './watched-kinds.ts';

const c = (raw: object) => authoredCheckSchema.parse({ message: 'm', ...raw });

describe('watchedKinds', () => {
  it('collects the kinds of object, absent and count checks per cluster, once each', () => {
    const steps = [
      { checks: [c({ object: { kind: 'deployment', name: 'web' } }), c({ ran: { kubectl: 'scale' } })] },
      { checks: [c({ count: { kind: 'Pod', equals: 3 } }), c({ absent: { kind: 'Deployment', name: 'old' } })] },
      { checks: [c({ object: { kind: 'Widget', apiVersion: 'example.com/v1', name: 'w', cluster: 'prod' } })] },
    ];
    expect(Object.fromEntries(watchedKinds(steps, 'workshop'))).toEqual({
      workshop: [
        { kind: 'Deployment', apiVersion: 'apps/v1' },
        { kind: 'Pod', apiVersion: 'v1' },
      ],
      prod: [{ kind: 'Widget', apiVersion: 'example.com/v1' }],
    });
  });

  it('watches pods, deployments and services for validators', () => {
    expect(watchedKinds([{ checks: [c({ validator: 'validators/x.ts' })] }], 'w').get('w')?.map((k) => k.kind)).toEqual(['Pod', 'Deployment', 'Service']);
  });
});
