/** The apps kinds and ReplicationControllers: replica counts, containers, images and selectors. */
import type { StoredObject } from '../meta/types.ts';
import { age, ageColumn, col, containerColumns, nameColumn, wide } from './columns.ts';
import { get, int, optInt, rec, str } from './fields.ts';
import { containerCells, formatLabels, formatLabelSelector, labelSelectorString } from './format.ts';
import type { PrintContext, TablePrinter } from './types.ts';

/** `spec.replicas`, which the API server defaults to 1. */
const desired = (obj: StoredObject): number => optInt(get(obj, 'spec.replicas')) ?? 1;
const status = (obj: StoredObject, field: string): number => int(get(obj, `status.${field}`));
const templateContainers = (obj: StoredObject) => containerCells(get(obj, 'spec.template.spec.containers'));

export const deploymentPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', 'extensions_v1beta1.DeploymentStatus.updatedReplicas'),
    col('Available', 'string', 'extensions_v1beta1.DeploymentStatus.availableReplicas'),
    ageColumn(),
    ...containerColumns(),
    col('Selector', 'string', 'extensions_v1beta1.DeploymentSpec.selector', wide),
  ],
  cells(d: StoredObject, ctx: PrintContext) {
    return [
      d.metadata.name,
      `${status(d, 'readyReplicas')}/${desired(d)}`,
      status(d, 'updatedReplicas'),
      status(d, 'availableReplicas'),
      age(d, ctx),
      ...templateContainers(d),
      labelSelectorString(get(d, 'spec.selector')) ?? '<invalid>',
    ];
  },
};

export const replicaSetPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Desired', 'integer', 'extensions_v1beta1.ReplicaSetSpec.replicas'),
    col('Current', 'integer', 'extensions_v1beta1.ReplicaSetStatus.replicas'),
    col('Ready', 'integer', 'extensions_v1beta1.ReplicaSetStatus.readyReplicas'),
    ageColumn(),
    ...containerColumns(),
    col('Selector', 'string', 'extensions_v1beta1.ReplicaSetSpec.selector', wide),
  ],
  cells: (rs, ctx) => [
    rs.metadata.name,
    desired(rs),
    status(rs, 'replicas'),
    status(rs, 'readyReplicas'),
    age(rs, ctx),
    ...templateContainers(rs),
    formatLabelSelector(get(rs, 'spec.selector')),
  ],
};

export const replicationControllerPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Desired', 'integer', 'core_v1.ReplicationControllerSpec.replicas'),
    col('Current', 'integer', 'core_v1.ReplicationControllerStatus.replicas'),
    col('Ready', 'integer', 'core_v1.ReplicationControllerStatus.readyReplicas'),
    ageColumn(),
    ...containerColumns(),
    col('Selector', 'string', 'core_v1.ReplicationControllerSpec.selector', wide),
  ],
  cells: (rc, ctx) => [
    rc.metadata.name,
    desired(rc),
    status(rc, 'replicas'),
    status(rc, 'readyReplicas'),
    age(rc, ctx),
    ...templateContainers(rc),
    formatLabels(get(rc, 'spec.selector')),
  ],
};

export const statefulSetPrinter: TablePrinter = {
  columns: [nameColumn(), col('Ready', 'string', 'Number of the pod with ready state'), ageColumn(), ...containerColumns()],
  cells: (ss, ctx) => [ss.metadata.name, `${status(ss, 'readyReplicas')}/${desired(ss)}`, age(ss, ctx), ...templateContainers(ss)],
};

export const daemonSetPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Desired', 'integer', 'extensions_v1beta1.DaemonSetStatus.desiredNumberScheduled'),
    col('Current', 'integer', 'extensions_v1beta1.DaemonSetStatus.currentNumberScheduled'),
    col('Ready', 'integer', 'extensions_v1beta1.DaemonSetStatus.numberReady'),
    col('Up-to-date', 'integer', 'extensions_v1beta1.DaemonSetStatus.updatedNumberScheduled'),
    col('Available', 'integer', 'extensions_v1beta1.DaemonSetStatus.numberAvailable'),
    col('Node Selector', 'string', 'core_v1.PodSpec.nodeSelector'),
    ageColumn(),
    ...containerColumns(),
    col('Selector', 'string', 'extensions_v1beta1.DaemonSetSpec.selector', wide),
  ],
  cells: (ds, ctx) => [
    ds.metadata.name,
    status(ds, 'desiredNumberScheduled'),
    status(ds, 'currentNumberScheduled'),
    status(ds, 'numberReady'),
    status(ds, 'updatedNumberScheduled'),
    status(ds, 'numberAvailable'),
    formatLabels(get(ds, 'spec.template.spec.nodeSelector')),
    age(ds, ctx),
    ...templateContainers(ds),
    formatLabelSelector(get(ds, 'spec.selector')),
  ],
};

/** `metav1.GetControllerOf` formatted as `kind.group/name` in lower case (`daemonset.apps/kube-proxy`). */
function controllerOf(obj: StoredObject): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller === true);
  if (!ref) return '<none>';
  const apiVersion = str(ref.apiVersion);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (!ref.kind && !group) return ref.name;
  return `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
}

export const controllerRevisionPrinter: TablePrinter = {
  columns: [nameColumn(), col('Controller', 'string', 'Controller of the object'), col('Revision', 'string', 'apps_v1beta1.ControllerRevision.revision'), ageColumn()],
  cells: (cr, ctx) => [cr.metadata.name, controllerOf(cr), int(cr.revision), age(cr, ctx)],
};

export const podTemplatePrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Containers', 'string', 'Names of each container in the template.'),
    col('Images', 'string', 'Images referenced by each container in the template.'),
    col('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  cells: (pt) => [pt.metadata.name, ...containerCells(get(pt, 'template.spec.containers')), formatLabels(rec(get(pt, 'template.metadata')).labels)],
};
