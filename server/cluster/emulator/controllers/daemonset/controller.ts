/**
 * The DaemonSet controller: one pod per eligible node (nodeSelector, node affinity, taints against the
 * tolerations DaemonSet pods get), pinned to its node by required node affinity on metadata.name for the
 * scheduler to bind; failed pods replaced with backoff; RollingUpdate within maxUnavailable (or maxSurge);
 * ControllerRevisions `<ds>-<hash>` as history; status counted per node.
 */
import { fromLabelSelector } from '../../meta/selectors.ts';
import { parseTime } from '../../meta/time.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { createEventRecorder, type EventRecorder } from '../events.ts';
import { TypedClient } from '../shared/api.ts';
import { claim } from '../shared/claim.ts';
import { minReadySecondsOf } from '../shared/defaults.ts';
import { CONTROLLER_REVISION_HASH, type ControllerRevision } from '../shared/history.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { clone, isPodReady, objectKey, podReadyCondition, splitKey } from '../shared/objects.ts';
import { ownerKeys } from '../shared/owners.ts';
import { createPod, deletePod, podFromTemplate, type PodControl } from '../shared/pod-control.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';
import type { Pod } from '../shared/types.ts';
import { nodeShouldRunDaemonPod, pinToNode, targetNodeName, withDaemonTolerations, type Node } from './scheduling.ts';
import { cleanupHistory, constructHistory } from './history.ts';
import { rollingUpdatePlan, surgeAndUnavailable } from './rolling.ts';
import { byCreationAndPhase, computeStatus } from './status.ts';
import { TEMPLATE_GENERATION_LABEL, templateGenerationOf, updateStrategyOf, type DaemonSet } from './types.ts';

const BURST_REPLICAS = 250;
const FAILED_BACKOFF_INITIAL_MS = 1000;
const FAILED_BACKOFF_MAX_MS = 15 * 60 * 1000;

export class DaemonSetController extends ReconcileLoop {
  readonly name = 'daemonset-controller';
  private sets!: TypedClient<DaemonSet>;
  private pods!: TypedClient<Pod>;
  private nodes!: TypedClient<Node>;
  private revisions!: TypedClient<ControllerRevision>;
  private recorder!: EventRecorder;
  private failedBackoff = new Map<string, { delay: number; at: number }>();

  protected override setup(): void {
    const { api, store, registry } = this.ctx;
    this.sets = new TypedClient(api, store, defOf(registry, 'daemonsets'));
    this.pods = new TypedClient(api, store, defOf(registry, 'pods'));
    this.nodes = new TypedClient(api, store, defOf(registry, 'nodes'));
    this.revisions = new TypedClient(api, store, defOf(registry, 'controllerrevisions'));
    this.recorder = createEventRecorder(this.ctx, { component: 'daemonset-controller' });
    this.failedBackoff = new Map();
  }

  protected initialKeys(): string[] {
    return this.sets.list().map(objectKey);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('daemonsets'))) this.queue.add(objectKey(e.object));
    else if (sameKey(e.key, storageOf('nodes'))) for (const ds of this.sets.list()) this.queue.add(objectKey(ds));
    else if (sameKey(e.key, storageOf('pods'))) for (const k of ownerKeys(e, 'DaemonSet', (ns) => this.sets.list(ns))) this.queue.add(k);
  }

  protected reconcile(k: string): void {
    const { namespace, name } = splitKey(k);
    const ds = this.sets.get(namespace, name);
    if (!ds) return;
    const selector = fromLabelSelector(ds.spec?.selector);
    if (!selector) return;
    if (selector.length === 0) {
      this.recorder.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    const nodes = this.nodes.list();
    const history = { revisions: this.revisions, sets: this.sets };
    const { cur, old } = constructHistory(history, ds, selector);
    if (!cur) return;
    const hash = cur.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? '';
    if (!ds.metadata.deletionTimestamp) {
      const changed = this.manage(ds, selector, nodes, hash);
      if (!changed && updateStrategyOf(ds) === 'RollingUpdate') {
        const plan = rollingUpdatePlan(ds, nodes, this.nodeToPods(ds, selector), hash, this.now());
        this.syncNodes(ds, plan.toDelete, plan.needNew, hash);
      }
      const live = new Set<string>();
      for (const pods of this.nodeToPods(ds, selector).values()) for (const p of pods) live.add(p.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? '');
      cleanupHistory(history, ds, old, live);
    }
    this.updateStatus(k, ds, selector, nodes, hash);
  }

  private podControl(): PodControl {
    return { pods: this.pods, recorder: this.recorder };
  }

  /** Claimed pods of the DaemonSet by the node they run on (or are pinned to). */
  private nodeToPods(ds: DaemonSet, selector: ReturnType<typeof fromLabelSelector>): Map<string, Pod[]> {
    const pods = claim(this.pods, ds, selector ?? [], this.pods.list(ds.metadata.namespace));
    const map = new Map<string, Pod[]>();
    for (const p of pods) {
      const node = targetNodeName(p.spec);
      if (!node) continue;
      map.set(node, [...(map.get(node) ?? []), p]);
    }
    return map;
  }

  // --- pods ---------------------------------------------------------------------------------------

  /** Creates pods on nodes that need one and deletes failed, extra and misplaced ones. Returns true if it wrote. */
  private manage(ds: DaemonSet, selector: ReturnType<typeof fromLabelSelector>, nodes: Node[], hash: string): boolean {
    const nodeToPods = this.nodeToPods(ds, selector);
    const needing: string[] = [];
    const toDelete: Pod[] = [];
    const template = ds.spec?.template?.spec ?? {};
    const now = this.now();
    for (const node of [...nodes].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(template, node);
      const pods = nodeToPods.get(node.metadata.name);
      if (shouldRun && !pods) needing.push(node.metadata.name);
      else if (shouldContinueRunning && pods) {
        const running: Pod[] = [];
        for (const p of pods) {
          if (p.metadata.deletionTimestamp) continue;
          if (p.status?.phase === 'Failed') {
            const bk = `${ds.metadata.uid}/${node.metadata.name}`;
            const b = this.failedBackoff.get(bk);
            if (b && now - b.at < b.delay) {
              this.requeueAfter(objectKey(ds), b.delay - (now - b.at));
              continue;
            }
            this.failedBackoff.set(bk, { delay: b ? Math.min(b.delay * 2, FAILED_BACKOFF_MAX_MS) : FAILED_BACKOFF_INITIAL_MS, at: now });
            this.recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${node.metadata.name}, will try to kill it`);
            toDelete.push(p);
          } else if (p.status?.phase === 'Succeeded') toDelete.push(p);
          else running.push(p);
        }
        if (!allowsSurge(ds) && running.length > 1) toDelete.push(...[...running].sort(byCreationAndPhase).slice(1));
      } else if (!shouldContinueRunning && pods) {
        toDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
      }
    }
    // Unscheduled pods pinned to nodes that no longer exist.
    const known = new Set(nodes.map((n) => n.metadata.name));
    for (const [node, pods] of nodeToPods) if (!known.has(node)) toDelete.push(...pods.filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp));
    return this.syncNodes(ds, toDelete, needing, hash);
  }

  private syncNodes(ds: DaemonSet, toDelete: Pod[], needing: string[], hash: string): boolean {
    const pc = this.podControl();
    for (const node of needing.slice(0, BURST_REPLICAS)) createPod(pc, ds, this.podFor(ds, node, hash));
    for (const p of toDelete.slice(0, BURST_REPLICAS)) deletePod(pc, ds, p);
    return needing.length + toDelete.length > 0;
  }

  private podFor(ds: DaemonSet, node: string, hash: string) {
    const template = clone(ds.spec?.template ?? {});
    const spec = (template.spec ??= {});
    spec.tolerations = withDaemonTolerations(spec);
    spec.affinity = pinToNode(spec.affinity, node);
    const generation = templateGenerationOf(ds);
    template.metadata = {
      ...(template.metadata ?? {}),
      labels: { ...(template.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH]: hash, ...(generation !== undefined ? { [TEMPLATE_GENERATION_LABEL]: String(generation) } : {}) },
    };
    return podFromTemplate(template, ds);
  }

  private updateStatus(k: string, ds: DaemonSet, selector: ReturnType<typeof fromLabelSelector>, nodes: Node[], hash: string): void {
    const now = this.now();
    const nodeToPods = this.nodeToPods(ds, selector);
    const latest = this.sets.get(ds.metadata.namespace, ds.metadata.name);
    if (!latest) return;
    const status = computeStatus(latest, nodes, nodeToPods, hash, now);
    if (JSON.stringify(status) !== JSON.stringify(latest.status ?? {})) this.sets.updateStatus(latest, status);
    const minReady = minReadySecondsOf(ds);
    if (minReady > 0 && status.numberReady !== (status.numberAvailable ?? 0)) {
      let soonest = Infinity;
      for (const pods of nodeToPods.values()) {
        for (const p of pods) {
          const since = parseTime(podReadyCondition(p)?.lastTransitionTime);
          if (isPodReady(p) && since !== undefined && since + minReady * 1000 + 1 > now) soonest = Math.min(soonest, since + minReady * 1000 + 1);
        }
      }
      if (soonest !== Infinity) this.requeueAfter(k, soonest - now);
    }
  }
}

function allowsSurge(ds: DaemonSet): boolean {
  return updateStrategyOf(ds) === 'RollingUpdate' && surgeAndUnavailable(ds, 1).maxSurge > 0;
}
