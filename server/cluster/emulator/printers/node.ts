/** Nodes: upstream `printNode` (STATUS from the Ready condition, ROLES from labels). */
import type { StoredObject } from '../meta/types.ts';
import { age, ageColumn, col, nameColumn, wide } from './columns.ts';
import { get, rec, records, str } from './fields.ts';
import { lastCondition } from './format.ts';
import type { PrintContext, TablePrinter } from './types.ts';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** `findNodeRoles`: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>` values, sorted and de-duplicated. */
function roles(labels: unknown): string {
  const found = new Set<string>();
  for (const [k, v] of Object.entries(rec(labels))) {
    if (k.startsWith(ROLE_PREFIX)) {
      if (k.length > ROLE_PREFIX.length) found.add(k.slice(ROLE_PREFIX.length));
    } else if (k === 'kubernetes.io/role' && str(v) !== '') found.add(str(v));
  }
  return [...found].sort().join(',') || '<none>';
}

function nodeStatus(node: StoredObject): string {
  const ready = lastCondition(get(node, 'status.conditions'), 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (get(node, 'spec.unschedulable') === true) status.push('SchedulingDisabled');
  return status.join(',');
}

const address = (node: StoredObject, type: string): string =>
  str(records(get(node, 'status.addresses')).find((a) => a.type === type)?.address) || '<none>';

export const nodePrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    ageColumn(),
    col('Version', 'string', 'core_v1.NodeSystemInfo.kubeletVersion'),
    col('Internal-IP', 'string', 'core_v1.NodeStatus.addresses', wide),
    col('External-IP', 'string', 'core_v1.NodeStatus.addresses', wide),
    col('OS-Image', 'string', 'core_v1.NodeSystemInfo.osImage', wide),
    col('Kernel-Version', 'string', 'core_v1.NodeSystemInfo.kernelVersion', wide),
    col('Container-Runtime', 'string', 'core_v1.NodeSystemInfo.containerRuntimeVersion', wide),
  ],
  cells(node: StoredObject, ctx: PrintContext) {
    const info = rec(get(node, 'status.nodeInfo'));
    return [
      node.metadata.name,
      nodeStatus(node),
      roles(node.metadata.labels),
      age(node, ctx),
      str(info.kubeletVersion),
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      str(info.osImage) || '<unknown>',
      str(info.kernelVersion) || '<unknown>',
      str(info.containerRuntimeVersion) || '<unknown>',
    ];
  },
};
