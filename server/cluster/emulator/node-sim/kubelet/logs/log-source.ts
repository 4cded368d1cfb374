/**
 * `GET …/pods/<name>/log` for the simulated kubelet: the container is chosen and checked as kube-apiserver and
 * the kubelet do (with their error texts), and its run's output is replayed from the cluster's state.
 */
import type { LogOptions, LogSource } from '../../../apiserver/pieces.ts';
import type { Clock } from '../../../clock.ts';
import { ApiError, errors } from '../../../meta/errors.ts';
import type { StoredObject } from '../../../meta/types.ts';
import type { Registry } from '../../../registry/registry.ts';
import type { ObjectStore } from '../../../storage/object-store.ts';
import { list, rec, str } from '../../json.ts';
import { resolveOptions, type NodeSimOptions } from '../../options.ts';
import { simResourcesOf } from '../../resources.ts';
import { Registries } from '../images/catalogue.ts';
import { containerStatus, runFromStatus, type RunDeps } from '../run-input.ts';
import { MAX_LOG_BYTES, RunLog, rfc3339Nano, type LogLine } from './run-log.ts';

const MAX_READ_LINES = 20_000;

export interface LogCluster {
  store: ObjectStore;
  clock: Clock;
  registry: Registry;
}

/** kube-apiserver's validateContainer: an explicit name must exist; none is fine only for a single container. */
function chooseContainer(pod: StoredObject, wanted: string | undefined): string {
  const spec = rec(pod.spec);
  const names = [...list(spec.initContainers), ...list(spec.containers), ...list(spec.ephemeralContainers)].map((c) => str(c.name));
  const containers = list(spec.containers);
  if (!wanted) {
    if (containers.length === 1) return str(containers[0]!.name);
    if (containers.length === 0) throw errors.badRequest(`a container name must be specified for pod ${pod.metadata.name}`);
    throw errors.badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`);
  }
  if (!names.includes(wanted)) throw errors.badRequest(`container ${wanted} is not valid for pod ${pod.metadata.name}`);
  return wanted;
}

function nodeUnreachable(cluster: LogCluster, pod: StoredObject, deps: RunDeps): string | undefined {
  const node = cluster.store.get(deps.r.nodes.storage, undefined, str(rec(pod.spec).nodeName));
  const ready = list(rec(node?.status).conditions).find((c) => c.type === 'Ready');
  if (ready?.status !== 'Unknown') return undefined;
  const ip = list(rec(node?.status).addresses).find((a) => a.type === 'InternalIP')?.address;
  return `Get "https://${str(ip)}:10250/containerLogs/${pod.metadata.namespace}/${pod.metadata.name}/"`;
}

function format(lines: LogLine[], opts: LogOptions): string {
  let text = lines.map((l) => `${opts.timestamps ? `${rfc3339Nano(l)} ` : ''}${l.text}\n`).join('');
  if (Buffer.byteLength(text) > MAX_LOG_BYTES) text = text.slice(-MAX_LOG_BYTES);
  if (opts.limitBytes !== undefined && opts.limitBytes >= 0) text = Buffer.from(text).subarray(0, opts.limitBytes).toString('utf8');
  return text;
}

export function createLogSource(cluster: LogCluster, options: NodeSimOptions = {}): LogSource {
  const o = resolveOptions(options);
  const deps = (): RunDeps => ({
    store: cluster.store,
    r: simResourcesOf(cluster.registry),
    registries: new Registries({ accountId: o.accountId, region: o.region, dnsResolver: o.dnsResolver, ecr: o.ecr }),
    seed: o.seed,
    ...(o.processNetwork ? { network: o.processNetwork } : {}),
  });

  /** The run to read, or the error the kubelet answers with. */
  function locate(namespace: string, podName: string, opts: LogOptions): { pod: StoredObject; name: string; log?: RunLog; finishedAt?: number } {
    const d = deps();
    const pod = cluster.store.get(d.r.pods.storage, namespace, podName);
    if (!pod) throw errors.notFound({ group: '', resource: 'pods' }, podName);
    const name = chooseContainer(pod, opts.container);
    if (!str(rec(pod.spec).nodeName)) return { pod, name };
    const unreachable = nodeUnreachable(cluster, pod, d);
    if (unreachable) throw new ApiError(500, 'InternalError', `${unreachable}${name}: dial tcp: i/o timeout`);
    const status = containerStatus(pod, name);
    const where = `container "${name}" in pod "${podName}"`;
    if (!status) throw errors.badRequest(`${where} is not available`);
    const state = rec(status.state);
    const last = rec(rec(status.lastState).terminated);
    if (opts.previous) {
      if (!last.startedAt) throw errors.badRequest(`previous terminated ${where} not found`);
    } else if (!state.running && !state.terminated && !last.startedAt) {
      const reason = str(rec(state.waiting).reason);
      if (reason === 'ErrImagePull') throw errors.badRequest(`${where} is waiting to start: image can't be pulled`);
      if (reason === 'ImagePullBackOff') throw errors.badRequest(`${where} is waiting to start: trying and failing to pull image`);
      if (reason) throw errors.badRequest(`${where} is waiting to start: ${reason}`);
      throw errors.badRequest(`${where} is waiting to start - no logs yet`);
    }
    // A container that failed to start (StartError) never wrote a line.
    const shown = opts.previous || (!state.running && !state.terminated) ? last : rec(state.terminated);
    if (shown.reason === 'StartError') return { pod, name };
    const run = runFromStatus(pod, name, opts.previous ? 'previous' : 'current', d);
    if (!run) throw errors.badRequest(`${where} is terminated`);
    return { pod, name, log: new RunLog(run.input, run.finishedAt), ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}) };
  }

  function since(opts: LogOptions, now: number): number {
    if (opts.sinceSeconds !== undefined) return now - opts.sinceSeconds * 1000;
    if (opts.sinceTime) return Date.parse(opts.sinceTime) || 0;
    return 0;
  }

  return {
    read(namespace, podName, opts) {
      const { log } = locate(namespace, podName, opts);
      if (!log) return '';
      const now = cluster.clock.now();
      const from = since(opts, now);
      // Without tailLines the kubelet returns its whole (rotated, 10 MiB) log file; the simulation returns at
      // most the newest MAX_READ_LINES lines, which it can reach without replaying a long-lived container from its start.
      const tail = opts.tailLines !== undefined && opts.tailLines >= 0 ? opts.tailLines : MAX_READ_LINES;
      const lines = log.tail(tail, now).filter((l) => l.at >= from);
      return format(opts.tailLines === 0 ? [] : lines, opts);
    },

    follow(namespace, podName, opts, onLine, end) {
      const found = locate(namespace, podName, opts);
      const log = found.log;
      if (!log || found.finishedAt !== undefined || opts.previous) {
        end();
        return () => undefined;
      }
      const identity = (p: StoredObject | undefined) => JSON.stringify(rec(containerStatus(p ?? found.pod, found.name)?.state).running ?? null);
      const startedState = identity(found.pod);
      let cursor = cluster.clock.now();
      let cancelTimer: (() => void) | undefined;
      let stopped = false;
      const emitUntil = (t: number) => {
        if (t <= cursor) return;
        for (const l of log.window(cursor + 1, t)) onLine(format([l], opts));
        cursor = t;
      };
      const finish = (at: number) => {
        if (stopped) return;
        emitUntil(at);
        stop();
        end();
      };
      const schedule = () => {
        const next = log.nextAfter(cursor);
        if (next === undefined || stopped) return;
        cancelTimer = cluster.clock.setTimeout(() => {
          emitUntil(next);
          schedule();
        }, Math.max(0, next - cluster.clock.now()));
      };
      const unsubscribe = cluster.store.subscribe((e) => {
        if (e.key.resource !== 'pods' || e.object.metadata.uid !== found.pod.metadata.uid) return;
        if (e.type === 'DELETED') return finish(cluster.clock.now());
        if (identity(e.object) !== startedState) {
          const last = rec(rec(containerStatus(e.object, found.name)?.lastState).terminated);
          const term = rec(rec(containerStatus(e.object, found.name)?.state).terminated);
          finish(Date.parse(str(term.finishedAt) || str(last.finishedAt)) || cluster.clock.now());
        }
      });
      const stop = () => {
        stopped = true;
        cancelTimer?.();
        unsubscribe();
      };
      schedule();
      return stop;
    },
  };
}
