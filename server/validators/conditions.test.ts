import { describe, expect, it } from 'vitest';
import type { Condition } from '../../src/schemas/check.ts';
import { describeCondition, evaluateCondition, looseEquals } from './conditions.ts';

const deployment = {
  metadata: { name: 'web', labels: { app: 'web', version: '3' } },
  spec: {
    replicas: 3,
    paused: false,
    template: {
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1.25', args: ['--port', '8080'] },
          { name: 'log', image: 'busybox:1.36' },
        ],
      },
    },
  },
  status: {
    readyReplicas: 1,
    conditions: [
      { type: 'Available', status: 'False' },
      { type: 'Progressing', status: 'True' },
    ],
  },
};

const run = (c: Condition) => evaluateCondition(deployment, c, 'deployment/web (namespace shop)');

describe('evaluateCondition', () => {
  it('states expected and seen for a number', () => {
    expect(run({ path: 'status.readyReplicas', equals: 3 })).toEqual({
      ok: false,
      subject: 'deployment/web (namespace shop): status.readyReplicas',
      expected: '3',
      seen: '1',
    });
    expect(run({ path: 'spec.replicas', equals: 3 }).ok).toBe(true);
  });

  it.each<[Condition, boolean, string, string]>([
    [{ path: 'spec.replicas', notEquals: 1 }, true, 'anything but 1', '3'],
    [{ path: 'spec.replicas', atLeast: 2 }, true, 'at least 2', '3'],
    [{ path: 'spec.replicas', atMost: 2 }, false, 'at most 2', '3'],
    [{ path: 'spec.replicas', atLeast: 1, atMost: 2 }, false, 'between 1 and 2', '3'],
    [{ path: 'metadata.labels.version', atLeast: 2 }, true, 'at least 2', '3'],
    [{ path: 'metadata.labels.app', atLeast: 2 }, false, 'at least 2', 'web'],
    [{ path: 'spec.template.spec.containers[0].image', matches: '^nginx:1\\.27' }, false, 'text matching /^nginx:1\\.27/', 'nginx:1.25'],
    [{ path: 'spec.template.spec.containers[0].image', contains: 'nginx' }, true, 'containing "nginx"', 'nginx:1.25'],
    [{ path: 'spec.template.spec.containers[0].args', contains: '8080' }, true, 'containing "8080"', '["--port","8080"]'],
    [{ path: 'metadata.labels.tier', exists: false }, true, 'not set', 'not set'],
    [{ path: 'metadata.labels.app', exists: true }, true, 'set (any value)', 'web'],
    [{ path: 'metadata.labels.app', oneOf: ['api', 'web'] }, true, 'one of api, web', 'web'],
    [{ path: 'spec.paused', equals: false }, true, 'false', 'false'],
    [{ path: 'metadata.labels.version', equals: 3 }, true, '3', '3'],
    [{ path: 'status.conditions[type=Progressing].status', equals: true }, true, 'true', 'True'],
    [{ path: 'status.conditions[type=Available].status', equals: 'True' }, false, 'True', 'False'],
    [{ path: 'metadata.annotations', equals: null }, true, 'not set', 'not set'],
  ])('%j → ok %s, expected %j, seen %j', (condition, ok, expected, seen) => {
    expect(run(condition)).toMatchObject({ ok, expected, seen });
  });

  it('says why a path leads nowhere', () => {
    expect(run({ path: 'status.availableReplicas', equals: 3 })).toMatchObject({ ok: false, seen: 'not set' });
    expect(run({ path: 'status.conditions[type=Ready].status', equals: 'True' })).toMatchObject({
      ok: false,
      seen: 'status.conditions has no item with type=Ready (it has type=Available, type=Progressing)',
    });
    expect(run({ path: 'spec.template.spec.containers[2].image', exists: true }).seen).toBe('spec.template.spec.containers has 2 items, no [2]');
  });

  it('passes a [*] path when any item does', () => {
    expect(run({ path: 'spec.template.spec.containers[*].image', matches: '^busybox' })).toEqual({
      ok: true,
      subject: 'deployment/web (namespace shop): spec.template.spec.containers[*].image',
      expected: 'text matching /^busybox/ (for at least one item)',
      seen: 'nginx:1.25, busybox:1.36',
    });
    expect(run({ path: 'spec.template.spec.containers[*].image', equals: 'redis' }).ok).toBe(false);
    expect(run({ path: 'spec.template.spec.volumes[*].name', exists: true })).toMatchObject({ ok: false, seen: 'no items (spec.template.spec.volumes is not set)' });
    expect(run({ path: 'spec.template.spec.volumes[*].name', exists: false }).ok).toBe(true);
  });

  it('reports a bad path instead of throwing', () => {
    expect(run({ path: 'spec..x', equals: 1 })).toMatchObject({ ok: false, expected: 'a valid path' });
  });

  it('shows long values shortened', () => {
    const big = { data: 'x'.repeat(500) };
    expect(evaluateCondition(big, { path: 'data', equals: 'y' }, '').seen).toHaveLength(120);
  });
});

describe('looseEquals', () => {
  it('compares as an author means it', () => {
    expect(looseEquals(3, 3)).toBe(true);
    expect(looseEquals('3', 3)).toBe(true);
    expect(looseEquals('', 0)).toBe(false);
    expect(looseEquals('True', true)).toBe(true);
    expect(looseEquals(undefined, null)).toBe(true);
    expect(looseEquals({ a: 1 }, 'x')).toBe(false);
    expect(looseEquals('web', 'Web')).toBe(false);
  });
});

describe('describeCondition', () => {
  it('joins several comparisons', () => {
    expect(describeCondition({ path: 'x', exists: true, notEquals: 0 })).toBe('anything but 0 and set (any value)');
  });
});
