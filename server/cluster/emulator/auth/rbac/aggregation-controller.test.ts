import { describe, expect, it } from 'vitest';
import { EmulatedCluster } from '../../cluster.ts';
import { ManualDefer } from '../../controllers/work-queue.ts';
import { addClusterRole, addClusterRoleBinding, newStore } from '../testing.ts';
import { clusterRoleAggregationController } from './aggregation-controller.ts';
import { createRbacAuthorizer } from './authorizer.ts';
import type { RoleObject } from './types.ts';

const KEY = { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' };
const TO_MON = 'example.com/aggregate-to-monitoring';
const TO_TOP = 'example.com/aggregate-to-top';

/** A cluster running only the aggregation controller; `settle()` runs the deferred reconciles. */
function setup() {
  const { clock } = newStore();
  const defer = new ManualDefer();
  const cluster = new EmulatedCluster({ clock, defer: defer.defer, controllers: [clusterRoleAggregationController] });
  const store = cluster.store;
  const rules = (name: string) => (store.get(KEY, undefined, name) as RoleObject).rules;
  return { cluster, store, settle: () => defer.settle(), rules };
}

describe('clusterrole aggregation controller', () => {
  it('fills aggregated roles, follows chains, and tracks changes of the sources', () => {
    const { cluster, store, settle, rules } = setup();
    cluster.start();
    addClusterRole(store, 'top', [], { aggregates: [TO_TOP] });
    addClusterRole(store, 'monitoring', [], { aggregates: [TO_MON], labels: { [TO_TOP]: 'true' } });
    addClusterRole(store, 'b-metrics', [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }], { labels: { [TO_MON]: 'true' } });
    addClusterRole(store, 'a-pods', [
      { verbs: ['list'], apiGroups: [''], resources: ['pods'] },
      { verbs: ['get'], nonResourceURLs: ['/metrics'] },
    ], { labels: { [TO_MON]: 'true' } });
    addClusterRole(store, 'unrelated', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]);
    settle();
    // Sources in name order, each rule once; `top` gets monitoring's rules through the chain.
    const expected = [
      { verbs: ['list'], apiGroups: [''], resources: ['pods'] },
      { verbs: ['get'], nonResourceURLs: ['/metrics'] },
    ];
    expect(rules('monitoring')).toEqual(expected);
    expect(rules('top')).toEqual(expected);

    // Authorization reads the aggregated rules.
    addClusterRoleBinding(store, 'mon', 'ClusterRole:top', ['User:prom']);
    const authz = createRbacAuthorizer(store);
    const prom = { username: 'prom', groups: [] };
    expect(authz.authorize(prom, { kind: 'resource', verb: 'list', group: '', resource: 'pods' }).allowed).toBe(true);

    store.remove(KEY, undefined, 'a-pods');
    settle();
    expect(rules('monitoring')).toEqual([{ verbs: ['get'], nonResourceURLs: ['/metrics'] }]);
    expect(rules('top')).toEqual([{ verbs: ['get'], nonResourceURLs: ['/metrics'] }]);
    expect(authz.authorize(prom, { kind: 'resource', verb: 'list', group: '', resource: 'pods' }).allowed).toBe(false);

    cluster.stop();
    addClusterRole(store, 'c-late', [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }], { labels: { [TO_MON]: 'true' } });
    settle();
    expect(rules('monitoring')).toHaveLength(1);
  });

  it('aggregates what exists when it starts and then makes no further writes', () => {
    const { cluster, store, settle, rules } = setup();
    addClusterRole(store, 'src', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], { labels: { 'x/agg': 'true' } });
    addClusterRole(store, 'agg', [], { aggregates: ['x/agg'] });
    cluster.start();
    settle();
    expect(rules('agg')).toEqual([{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
    const rv = store.resourceVersion;
    addClusterRole(store, 'unrelated', []);
    settle();
    expect(store.resourceVersion).toBe(rv + 1);
    cluster.stop();
  });
});
