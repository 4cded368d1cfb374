/**
 * Admission and API-management kinds: webhook configurations, ValidatingAdmissionPolicy(Binding),
 * FlowSchema, PriorityLevelConfiguration, CertificateSigningRequest, RuntimeClass, CSIStorageCapacity
 * (upstream printers.go).
 */
import type { StoredObject } from '../meta/types.ts';
import { age, ageColumn, col, nameColumn } from './columns.ts';
import { humanDuration } from './duration.ts';
import { count, get, optInt, rec, records, str } from './fields.ts';
import { canonicalQuantity } from './quantity.ts';
import type { Cell, TablePrinter } from './types.ts';

/** Mutating and validating webhook configurations: how many webhooks each registers. */
export const webhookConfigurationPrinter: TablePrinter = {
  columns: [nameColumn(), col('Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration'), ageColumn()],
  cells: (o, ctx) => [o.metadata.name, count(get(o, 'webhooks')), age(o, ctx)],
};

export const validatingAdmissionPolicyPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Validations', 'integer', 'Validations indicates the number of validation rules defined in this configuration'),
    col('ParamKind', 'string', 'ParamKind specifies the kind of resources used to parameterize this policy'),
    ageColumn(),
  ],
  cells(o, ctx) {
    const kind = get(o, 'spec.paramKind');
    const paramKind = kind && typeof kind === 'object' ? `${str(rec(kind).apiVersion)}/${str(rec(kind).kind)}` : '<unset>';
    return [o.metadata.name, count(get(o, 'spec.validations')), paramKind, age(o, ctx)];
  },
};

export const validatingAdmissionPolicyBindingPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('PolicyName', 'string', 'PolicyName indicates the policy definition which the policy binding binded to'),
    col('ParamRef', 'string', 'ParamRef indicates the param resource which sets the configration param'),
    ageColumn(),
  ],
  cells(o, ctx) {
    const ref = get(o, 'spec.paramRef');
    let param = '<unset>';
    if (ref && typeof ref === 'object') {
      const r = rec(ref);
      if (str(r.name)) param = str(r.namespace) ? `${str(r.namespace)}/${str(r.name)}` : `*/${str(r.name)}`;
      else if (r.selector) param = selectorText(rec(r.selector));
    }
    return [o.metadata.name, str(get(o, 'spec.policyName')), param, age(o, ctx)];
  },
};

function selectorText(sel: Record<string, unknown>): string {
  const labels = Object.entries(rec(sel.matchLabels)).sort(([a], [b]) => (a < b ? -1 : 1));
  return labels.map(([k, v]) => `${k}=${str(v)}`).join(',') || '<none>';
}

export const flowSchemaPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('PriorityLevel', 'string', 'name is the name of the priority level configuration being referenced Required.'),
    col('MatchingPrecedence', 'string', 'matchingPrecedence is used to choose among the FlowSchemas that match a given request.'),
    col('DistinguisherMethod', 'string', 'distinguisherMethod defines how to compute the flow distinguisher for requests that match this schema.'),
    ageColumn(),
    col('MissingPL', 'string', 'references a broken or non-existent PriorityLevelConfiguration'),
  ],
  cells(o, ctx) {
    const method = get(o, 'spec.distinguisherMethod');
    const dangling = records(get(o, 'status.conditions')).find((c) => c.type === 'Dangling');
    return [
      o.metadata.name,
      str(get(o, 'spec.priorityLevelConfiguration.name')),
      optInt(get(o, 'spec.matchingPrecedence')) ?? 0,
      method && typeof method === 'object' ? str(rec(method).type) : '<none>',
      age(o, ctx),
      dangling ? str(dangling.status) : '?',
    ];
  },
};

export const priorityLevelConfigurationPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Type', 'string', '`type` indicates whether this priority level is subject to limitation on request execution.'),
    col('NominalConcurrencyShares', 'string', '`nominalConcurrencyShares` (NCS) contributes to the computation of the NominalConcurrencyLimit (NominalCL) of this level.'),
    col('Queues', 'string', '`queues` is the number of queues for this priority level.'),
    col('HandSize', 'string', '`handSize` is a small positive number that configures the shuffle sharding of requests into queues.'),
    col('QueueLengthLimit', 'string', '`queueLengthLimit` is the maximum number of requests allowed to be waiting in a given queue of this priority level at a time.'),
    ageColumn(),
  ],
  cells(o, ctx) {
    const cells: Cell[] = [o.metadata.name, str(get(o, 'spec.type')), '<none>', '<none>', '<none>', '<none>', age(o, ctx)];
    const limited = get(o, 'spec.limited');
    if (limited && typeof limited === 'object') {
      cells[2] = optInt(rec(limited).nominalConcurrencyShares) ?? 0;
      const queuing = get(limited, 'limitResponse.queuing');
      if (queuing && typeof queuing === 'object') {
        const q = rec(queuing);
        cells[3] = optInt(q.queues) ?? 0;
        cells[4] = optInt(q.handSize) ?? 0;
        cells[5] = optInt(q.queueLengthLimit) ?? 0;
      }
    }
    return cells;
  },
};

/** `Pending`, `Approved` or `Denied`, then `,Failed` and `,Issued` (upstream extractCSRStatus). */
export function csrCondition(o: StoredObject): string {
  const types = new Set(records(get(o, 'status.conditions')).map((c) => str(c.type)));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (str(get(o, 'status.certificate'))) status += ',Issued';
  return status;
}

export const certificateSigningRequestPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    ageColumn(),
    col('SignerName', 'string', 'Requested signer for the request.'),
    col('Requestor', 'string', 'Name of the user that created the request.'),
    col('RequestedDuration', 'string', 'The requested duration of validity of the issued certificate.'),
    col('Condition', 'string', 'Conditions applied to the request.'),
  ],
  cells(o, ctx) {
    const seconds = optInt(get(o, 'spec.expirationSeconds'));
    return [
      o.metadata.name,
      age(o, ctx),
      str(get(o, 'spec.signerName')) || '<none>',
      str(get(o, 'spec.username')),
      seconds === undefined ? '<none>' : humanDuration(seconds * 1000),
      csrCondition(o),
    ];
  },
};

export const runtimeClassPrinter: TablePrinter = {
  columns: [nameColumn(), col('Handler', 'string', 'RuntimeClass Handler'), ageColumn()],
  cells: (o, ctx) => [o.metadata.name, str(get(o, 'handler')), age(o, ctx)],
};

export const csiStorageCapacityPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('StorageClassName', 'string', 'storageClassName represents the name of the StorageClass that the reported capacity applies to.'),
    col('Capacity', 'string', 'capacity is the value reported by the CSI driver in its GetCapacityResponse for a GetCapacityRequest.'),
  ],
  cells(o) {
    const capacity = get(o, 'capacity');
    return [o.metadata.name, str(get(o, 'storageClassName')), capacity === undefined || capacity === null ? '<unset>' : canonicalQuantity(capacity)];
  },
};
