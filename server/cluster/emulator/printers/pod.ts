/** Pods: upstream `printPod`, the READY, STATUS and RESTARTS everyone reads. */
import type { StoredObject } from '../meta/types.ts';
import { age, ageColumn, col, nameColumn, wide } from './columns.ts';
import { humanDuration, parseTimestamp } from './duration.ts';
import { get, int, list, rec, records, str, type Json } from './fields.ts';
import type { PrintContext, TablePrinter, TableRowCondition } from './types.ts';

const isSidecar = (container: Json | undefined) => container?.restartPolicy === 'Always';

/** Restart count and the latest `lastState.terminated.finishedAt` over a set of container statuses. */
class Restarts {
  count = 0;
  last: number | undefined;
  add(status: Json): void {
    this.count += int(status.restartCount);
    const finished = parseTimestamp(get(status, 'lastState.terminated.finishedAt'));
    if (finished !== undefined && (this.last === undefined || finished > this.last)) this.last = finished;
  }
}

const terminatedReason = (t: Json, prefix: string): string => {
  if (str(t.reason)) return prefix + str(t.reason);
  return int(t.signal) !== 0 ? `${prefix}Signal:${int(t.signal)}` : `${prefix}ExitCode:${int(t.exitCode)}`;
};

/** `isPodInitializedConditionTrue`: the first Initialized condition decides. */
const initialized = (status: Json): boolean => records(status.conditions).find((c) => c.type === 'Initialized')?.status === 'True';
/** `hasPodReadyCondition`: any Ready condition that is True. */
const podReady = (status: Json): boolean => records(status.conditions).some((c) => c.type === 'Ready' && c.status === 'True');

function podRow(pod: StoredObject) {
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  const phase = str(status.phase);
  let reason = str(status.reason) || phase;
  if (records(status.conditions).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const initContainers = records(spec.initContainers);
  const initSpecs = new Map(initContainers.map((c) => [str(c.name), c]));
  const total = records(spec.containers).length + initContainers.filter(isSidecar).length;
  let ready = 0;
  const all = new Restarts();
  const sidecars = new Restarts();

  let initializing = false;
  const initStatuses = records(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    const sidecar = isSidecar(initSpecs.get(str(c.name)));
    all.add(c);
    if (sidecar) sidecars.add(c);
    const terminated = get(c, 'state.terminated');
    const waitingReason = str(get(c, 'state.waiting.reason'));
    if (terminated && int(rec(terminated).exitCode) === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready === true) ready++;
      continue;
    }
    initializing = true;
    if (terminated) reason = terminatedReason(rec(terminated), 'Init:');
    else if (waitingReason && waitingReason !== 'PodInitializing') reason = `Init:${waitingReason}`;
    else reason = `Init:${i}/${initContainers.length}`;
    break;
  }

  let restarts = all;
  if (!initializing || initialized(status)) {
    restarts = sidecars;
    let hasRunning = false;
    const statuses = records(status.containerStatuses);
    // From last to first, so the first container in the list has the final say.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts.add(c);
      const waitingReason = str(get(c, 'state.waiting.reason'));
      const terminated = get(c, 'state.terminated');
      if (waitingReason) reason = waitingReason;
      else if (terminated) reason = terminatedReason(rec(terminated), '');
      else if (c.ready === true && get(c, 'state.running')) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = podReady(status) ? 'Running' : 'NotReady';
  }

  const deleting = Boolean(pod.metadata.deletionTimestamp);
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  return { ready: `${ready}/${total}`, reason, restarts };
}

function readinessGates(spec: Json, status: Json): string {
  const gates = records(spec.readinessGates);
  if (!gates.length) return '<none>';
  const conditions = records(status.conditions);
  const ok = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${ok}/${gates.length}`;
}

export const podPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageColumn(),
    col('IP', 'string', 'core_v1.PodStatus.podIP', wide),
    col('Node', 'string', 'core_v1.PodSpec.nodeName', wide),
    col('Nominated Node', 'string', 'core_v1.PodStatus.nominatedNodeName', wide),
    col('Readiness Gates', 'string', 'core_v1.PodSpec.readinessGates', wide),
  ],
  cells(pod: StoredObject, ctx: PrintContext) {
    const spec = rec(pod.spec);
    const status = rec(pod.status);
    const { ready, reason, restarts } = podRow(pod);
    const restartCell =
      restarts.count !== 0 && restarts.last !== undefined
        ? `${restarts.count} (${humanDuration(ctx.now - restarts.last)} ago)`
        : String(restarts.count);
    return [
      pod.metadata.name,
      ready,
      reason,
      restartCell,
      age(pod, ctx),
      // v1 → internal conversion fills podIPs from podIP when only the latter is set.
      str(rec(list(status.podIPs)[0]).ip) || str(status.podIP) || '<none>',
      str(spec.nodeName) || '<none>',
      str(status.nominatedNodeName) || '<none>',
      readinessGates(spec, status),
    ];
  },
  conditions(pod: StoredObject): TableRowCondition[] | undefined {
    const phase = get(pod, 'status.phase');
    if (phase === 'Succeeded') return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
    if (phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    return undefined;
  },
};
