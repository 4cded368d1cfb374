import { describe, expect, it } from 'vitest';
import { isUnknownKind } from '../errors.ts';
import { FakeClock, flush } from '../testing/fake-clock.ts';
import { KubeClusterReader } from './cluster-reader.ts';
import type { JsonResponse, KubeTransport } from './kube-api.ts';

/** Answers GETs from a table of paths; records them. */
function transport(routes: Record<string, JsonResponse | (() => JsonResponse)>) {
  const gets: string[] = [];
  const watches: { path: string; query: Record<string, unknown>; onEvent: (t: string, o: unknown) => void; done: (e: unknown) => void; aborted: boolean }[] = [];
  const t: KubeTransport = {
    server: 'https://127.0.0.1:6443',
    async getJson(path, query) {
      const q = new URLSearchParams(Object.entries(query ?? {}).filter(([, v]) => v !== undefined) as [string, string][]).toString();
      const full = q ? `${path}?${q}` : path;
      gets.push(full);
      const r = routes[full] ?? { status: 404, body: { kind: 'Status', message: 'not found' } };
      return typeof r === 'function' ? r() : r;
    },
    async watch(path, query, onEvent, done) {
      const w = { path, query, onEvent, done, aborted: false };
      watches.push(w);
      return { abort: () => (w.aborted = true) };
    },
    close() {},
  };
  return { t, gets, watches };
}

describe('KubeClusterReader', () => {
  it('gets and lists built-in kinds at their paths', async () => {
    const { t, gets } = transport({
      '/apis/apps/v1/namespaces/shop/deployments/web': { status: 200, body: { kind: 'Deployment', metadata: { name: 'web' } } },
      '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb': { status: 200, body: { items: [{ metadata: { name: 'p1' } }] } },
      '/api/v1/namespaces': { status: 200, body: { items: [{ metadata: { name: 'default' } }] } },
    });
    const reader = new KubeClusterReader(t);
    expect(await reader.get({ kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'shop', name: 'web' })).toMatchObject({ metadata: { name: 'web' } });
    expect(await reader.get({ kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'shop', name: 'nope' })).toBeUndefined();
    expect(await reader.list({ kind: 'Pod', apiVersion: 'v1', namespace: 'default', selector: 'app=web' })).toEqual([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1' } }]);
    expect(await reader.list({ kind: 'Namespace', apiVersion: 'v1', namespace: 'default' })).toHaveLength(1);
    expect(gets).not.toContain('/api/v1');
  });

  it('finds custom kinds through discovery, and says when the cluster has none', async () => {
    let installed = false;
    const clock = new FakeClock();
    const { t } = transport({
      '/apis/example.com/v1': () => (installed ? { status: 200, body: { resources: [{ name: 'widgets', kind: 'Widget', namespaced: true }] } } : { status: 404, body: {} }),
      '/apis/example.com/v1/namespaces/default/widgets/w': { status: 200, body: { metadata: { name: 'w' } } },
    });
    const reader = new KubeClusterReader(t, { clock });
    const error = await reader.get({ kind: 'Widget', apiVersion: 'example.com/v1', namespace: 'default', name: 'w' }).catch((e: unknown) => e);
    expect(isUnknownKind(error)).toBe(true);
    installed = true;
    await clock.advance(3000);
    expect(await reader.get({ kind: 'Widget', apiVersion: 'example.com/v1', namespace: 'default', name: 'w' })).toMatchObject({ metadata: { name: 'w' } });
  });

  it('turns an error answer into a message', async () => {
    const { t } = transport({ '/api/v1/namespaces/default/pods/x': { status: 403, body: { kind: 'Status', message: 'pods "x" is forbidden' } } });
    await expect(new KubeClusterReader(t).get({ kind: 'Pod', apiVersion: 'v1', name: 'x' })).rejects.toThrow('the cluster answered 403: pods "x" is forbidden');
  });

  it('watches each kind across namespaces from a list version, and stops', async () => {
    const { t, watches } = transport({
      '/apis/apps/v1/deployments?limit=1': { status: 200, body: { metadata: { resourceVersion: '42' }, items: [] } },
      '/api/v1/pods?limit=1': { status: 200, body: { metadata: { resourceVersion: '43' }, items: [] } },
    });
    const reader = new KubeClusterReader(t, { clock: new FakeClock(), watchKinds: [{ kind: 'Deployment', apiVersion: 'apps/v1' }, { kind: 'Pod', apiVersion: 'v1' }] });
    let changes = 0;
    const stop = reader.watch(() => changes++);
    await flush();
    expect(watches.map((w) => [w.path, w.query.resourceVersion])).toEqual([
      ['/apis/apps/v1/deployments', '42'],
      ['/api/v1/pods', '43'],
    ]);
    watches[1]!.onEvent('MODIFIED', { metadata: { resourceVersion: '44' } });
    expect(changes).toBe(1);
    stop();
    expect(watches.every((w) => w.aborted)).toBe(true);
  });
});
