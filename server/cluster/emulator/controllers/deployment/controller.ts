/**
 * The Deployment controller: owns ReplicaSets named `<deployment>-<pod-template-hash>`, rolls them by
 * the Deployment's strategy, keeps revisions (reusing a ReplicaSet whose template comes back, as after
 * `kubectl rollout undo`), honours pause, scales proportionally, trims history and reports status with
 * the Available and Progressing conditions kubectl's `rollout status` reads.
 */
import { fromLabelSelector } from '../../meta/selectors.ts';
import type { StoreEvent } from '../../storage/object-store.ts';
import { createEventRecorder, type EventRecorder } from '../events.ts';
import { TypedClient } from '../shared/api.ts';
import { claim } from '../shared/claim.ts';
import { strategyTypeOf } from '../shared/defaults.ts';
import { ReconcileLoop } from '../shared/loop.ts';
import { controllerOf, key, objectKey, splitKey } from '../shared/objects.ts';
import { ownerKeys } from '../shared/owners.ts';
import { defOf, sameKey, storageOf } from '../shared/resources.ts';
import type { Deployment, Pod, ReplicaSet } from '../shared/types.ts';
import { rolloutRecreate } from './recreate.ts';
import { rolloutRolling } from './rolling.ts';
import { DeploymentSync } from './sync.ts';

export class DeploymentController extends ReconcileLoop {
  readonly name = 'deployment-controller';
  private deployments!: TypedClient<Deployment>;
  private sets!: TypedClient<ReplicaSet>;
  private pods!: TypedClient<Pod>;
  private recorder!: EventRecorder;

  protected override setup(): void {
    const { api, store, registry } = this.ctx;
    this.deployments = new TypedClient(api, store, defOf(registry, 'deployments'));
    this.sets = new TypedClient(api, store, defOf(registry, 'replicasets'));
    this.pods = new TypedClient(api, store, defOf(registry, 'pods'));
    this.recorder = createEventRecorder(this.ctx, { component: 'deployment-controller' });
  }

  protected initialKeys(): string[] {
    return this.deployments.list().map(objectKey);
  }

  protected onEvent(e: StoreEvent): void {
    if (sameKey(e.key, storageOf('deployments'))) {
      this.queue.add(objectKey(e.object));
    } else if (sameKey(e.key, storageOf('replicasets'))) {
      for (const k of ownerKeys(e, 'Deployment', (ns) => this.deployments.list(ns))) this.queue.add(k);
    } else if (sameKey(e.key, storageOf('pods')) && e.type === 'DELETED') {
      // Recreate waits for the old pods to be gone.
      const ref = controllerOf(e.object);
      if (ref?.kind !== 'ReplicaSet') return;
      const rs = this.sets.get(e.object.metadata.namespace, ref.name);
      const owner = controllerOf(rs);
      if (owner?.kind === 'Deployment') this.queue.add(key(e.object.metadata.namespace, owner.name));
    }
  }

  protected reconcile(k: string): void {
    const { namespace, name } = splitKey(k);
    const d = this.deployments.get(namespace, name);
    if (!d) return;
    const selector = fromLabelSelector(d.spec?.selector);
    if (!selector) return;
    if (selector.length === 0) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        this.deployments.updateStatus(d, { ...(d.status ?? {}), observedGeneration: d.metadata.generation });
      }
      return;
    }
    const rsList = claim(this.sets, d, selector, this.sets.list(namespace));
    const s = new DeploymentSync(
      {
        deployments: this.deployments,
        sets: this.sets,
        recorder: this.recorder,
        now: () => this.now(),
        requeueAfter: (ms) => this.requeueAfter(k, ms),
      },
      d,
      rsList,
    );
    if (d.metadata.deletionTimestamp) {
      s.syncStatusOnly();
      return;
    }
    s.checkPausedConditions();
    if (s.d.spec?.paused) {
      s.sync();
      return;
    }
    if (s.isScalingEvent()) {
      s.sync();
      return;
    }
    if (strategyTypeOf(s.d) === 'Recreate') {
      const owned = new Set(s.rsList.map((rs) => rs.metadata.uid));
      rolloutRecreate(s, this.pods.list(namespace).filter((p) => owned.has(controllerOf(p)?.uid ?? '')));
    } else {
      rolloutRolling(s);
    }
  }
}
