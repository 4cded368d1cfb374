/** Cluster administration kinds: Namespace, ResourceQuota, ComponentStatus, Lease, PriorityClass, PodDisruptionBudget, APIService. */
import type { StoredObject } from '../meta/types.ts';
import { age, ageColumn, col, nameColumn } from './columns.ts';
import { get, int, optStr, rec, records, str } from './fields.ts';
import { canonicalQuantity } from './quantity.ts';
import type { TablePrinter } from './types.ts';

export const namespacePrinter: TablePrinter = {
  columns: [nameColumn(), col('Status', 'string', 'The status of the namespace'), ageColumn()],
  // The namespace strategy sets the phase to Active on create.
  cells: (ns, ctx) => [ns.metadata.name, optStr(get(ns, 'status.phase')) ?? 'Active', age(ns, ctx)],
};

/** `printResourceQuota`: `name: used/hard` over the sorted hard limits; `limits.*` ones in LIMIT, the rest in REQUEST. */
function quotaColumns(rq: StoredObject): [string, string] {
  const hard = rec(get(rq, 'status.hard'));
  const used = rec(get(rq, 'status.used'));
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const text = `${name}: ${canonicalQuantity(used[name] ?? '0')}/${canonicalQuantity(hard[name])}`;
    (name.startsWith('limits.') ? limit : request).push(text);
  }
  return [request.join(', '), limit.join(', ')];
}

export const resourceQuotaPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    ageColumn(),
  ],
  cells: (rq, ctx) => [rq.metadata.name, ...quotaColumns(rq), age(rq, ctx)],
};

export const componentStatusPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Status', 'string', 'Status of the component conditions'),
    col('Message', 'string', 'Message of the component conditions'),
    col('Error', 'string', 'Error of the component conditions'),
  ],
  cells(cs: StoredObject) {
    const healthy = records(cs.conditions).find((c) => c.type === 'Healthy');
    if (!healthy) return [cs.metadata.name, 'Unknown', '', ''];
    return [cs.metadata.name, healthy.status === 'True' ? 'Healthy' : 'Unhealthy', str(healthy.message), str(healthy.error)];
  },
};

export const leasePrinter: TablePrinter = {
  columns: [nameColumn(), col('Holder', 'string', 'coordination_v1.LeaseSpec.holderIdentity'), ageColumn()],
  cells: (l, ctx) => [l.metadata.name, str(get(l, 'spec.holderIdentity')), age(l, ctx)],
};

export const priorityClassPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Value', 'integer', 'scheduling_v1.PriorityClass.value'),
    col('Global-Default', 'boolean', 'scheduling_v1.PriorityClass.globalDefault'),
    ageColumn(),
    // Priority 0 upstream, and the API server always prints wide: kubectl shows it by default.
    col('PreemptionPolicy', 'string', 'scheduling_v1.PriorityClass.preemptionPolicy'),
  ],
  cells: (pc, ctx) => [pc.metadata.name, int(pc.value), pc.globalDefault === true, age(pc, ctx), optStr(pc.preemptionPolicy) ?? 'PreemptLowerPriority'],
};

/** An IntOrString as upstream's `String()`: the number, or the string (`50%`); `N/A` when unset. */
const intOrString = (v: unknown): string => (typeof v === 'number' ? String(Math.trunc(v)) : typeof v === 'string' ? v : 'N/A');

export const podDisruptionBudgetPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageColumn(),
  ],
  cells: (pdb, ctx) => [
    pdb.metadata.name,
    intOrString(get(pdb, 'spec.minAvailable')),
    intOrString(get(pdb, 'spec.maxUnavailable')),
    int(get(pdb, 'status.disruptionsAllowed')),
    age(pdb, ctx),
  ],
};

/** kube-aggregator's APIService table: the backing service (or `Local`) and the Available condition. */
export const apiServicePrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
    col('Available', 'string', 'Whether this service is available.'),
    ageColumn(),
  ],
  cells(svc: StoredObject, ctx) {
    const ref = get(svc, 'spec.service');
    const service = ref && typeof ref === 'object' ? `${str(rec(ref).namespace)}/${str(rec(ref).name)}` : 'Local';
    const c = records(get(svc, 'status.conditions')).find((x) => x.type === 'Available');
    let available = 'Unknown';
    if (c) available = c.status !== 'True' && str(c.reason) ? `${str(c.status)} (${str(c.reason)})` : str(c.status);
    return [svc.metadata.name, service, available, age(svc, ctx)];
  },
};
