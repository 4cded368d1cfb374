import type { Controller, ControllerContext } from '../../controllers/types.ts';
import { WorkQueue } from '../../controllers/work-queue.ts';
import { ApiError } from '../../meta/errors.ts';
import { aggregatedRules, sameRules } from './aggregation.ts';
import { CLUSTER_ROLES, RBAC_GROUP, type RoleObject } from './types.ts';

const ALL = 'all';

/**
 * Keeps the `rules` of every ClusterRole with an `aggregationRule` equal to the rules of the
 * ClusterRoles its selectors match (upstream's clusterrole-aggregation controller). Like upstream,
 * any ClusterRole change re-examines every aggregated role; chains (view → edit → admin) settle in one pass.
 */
export const clusterRoleAggregationController: Controller = {
  name: 'clusterrole-aggregation-controller',
  start(ctx) {
    const queue = new WorkQueue(
      () => {
        if (!reconcile(ctx)) queue.add(ALL);
      },
      ctx.defer,
      ctx.clock,
    );
    const unsubscribe = ctx.store.subscribe((e) => {
      if (e.key.group === CLUSTER_ROLES.group && e.key.resource === CLUSTER_ROLES.resource) queue.add(ALL);
    });
    queue.add(ALL);
    return () => {
      unsubscribe();
      queue.stop();
    };
  },
};

/** One pass over all aggregated ClusterRoles. False when a write lost a race and the pass should be retried. */
function reconcile(ctx: ControllerContext): boolean {
  const def = ctx.registry.lookup(RBAC_GROUP, 'v1', 'clusterroles');
  if (!def) return true;
  let settled = true;
  const roles = ctx.store.list(CLUSTER_ROLES) as RoleObject[];
  for (const [i, role] of roles.entries()) {
    const wanted = aggregatedRules(role, roles);
    if (!wanted || sameRules(wanted, role.rules)) continue;
    try {
      // Later roles of this pass see the new rules (edit before admin).
      roles[i] = ctx.api.update(def, undefined, role.metadata.name!, { ...role, rules: wanted }).object as RoleObject;
    } catch (e) {
      // Changed or deleted meanwhile: the next pass sees the new state.
      if (e instanceof ApiError && (e.code === 409 || e.code === 404)) settled = false;
      else throw e;
    }
  }
  return settled;
}
