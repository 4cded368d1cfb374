/** The pod itself as a stage subject: admission, volumes, sandbox, and removal after graceful deletion. */
import { ApiError } from '../../meta/errors.ts';
import type { StoredObject } from '../../meta/types.ts';
import { list, rec, str } from '../json.ts';
import { isBound, podClaimNames } from '../volume-claims.ts';
import type { Subject } from './engine.ts';
import { missingVolumeSource } from './environment.ts';
import type { NodeContext } from './node-context.ts';
import type { PodSim } from './sim-state.ts';
import type { EventSpec } from './stage-set.ts';
import { podPhase } from './status.ts';

export const POD_FACTS = new Set([
  'phase', 'deleting', 'volumes.missing', 'volumes.missingName', 'mount.retryDelay', 'volumes.toAttach', 'volumes.attached',
  'volumes.ready', 'volumes.unmounted', 'volumes.unattached', 'terminal', 'containers.stopped',
]);

export const POD_ACTIONS = new Set(['pod.admit', 'mount.failed', 'volumes.attach', 'sandbox.create', 'sandbox.remove', 'pod.delete']);

const STOPPED = new Set(['Exited', 'Removed']);

export class PodSubject implements Subject {
  readonly id = 'pod';

  constructor(
    private readonly n: NodeContext,
    private readonly p: PodSim,
    private readonly pod: () => StoredObject,
  ) {}

  get phase(): string {
    return this.p.phase;
  }
  set phase(v: string) {
    this.p.phase = v;
  }
  get dues() {
    return this.p.dues;
  }
  get fired() {
    return this.p.fired;
  }

  /** Claims of the pod: the PersistentVolumes of the bound ones, and the volumes still waiting for a claim. */
  private claims(): { volumes: { volume: string; pv?: string }[] } {
    const pod = this.pod();
    const names = new Set(podClaimNames(pod));
    const volumes: { volume: string; pv?: string }[] = [];
    for (const v of list(rec(pod.spec).volumes)) {
      const claim = str(rec(v.persistentVolumeClaim).claimName);
      if (!claim || !names.has(claim)) continue;
      const pvc = this.n.ctx.store.get(this.n.r.pvcs.storage, pod.metadata.namespace, claim);
      volumes.push({ volume: str(v.name), ...(pvc && isBound(pvc) ? { pv: str(rec(pvc.spec).volumeName) } : {}) });
    }
    return { volumes };
  }

  fact(name: string): unknown {
    const pod = this.pod();
    switch (name) {
      case 'phase':
        return this.p.phase;
      case 'deleting':
        return Boolean(pod.metadata.deletionTimestamp);
      case 'volumes.missing':
        return missingVolumeSource(pod, this.n.ctx.store, this.n.r)?.message;
      case 'volumes.missingName':
        return missingVolumeSource(pod, this.n.ctx.store, this.n.r)?.volume;
      case 'mount.retryDelay':
        return Math.min(500 * 2 ** Math.max(0, this.p.mountFailures - 1), 122_000) * this.n.o.timeScale;
      case 'volumes.toAttach': {
        const pending = this.claims().volumes.filter((v) => v.pv && !this.p.attached.has(v.pv)).map((v) => v.pv!);
        return pending.length ? pending : undefined;
      }
      case 'volumes.attached':
        return this.p.justAttached;
      case 'volumes.ready':
        return this.claims().volumes.every((v) => v.pv && this.p.attached.has(v.pv)) && !this.fact('volumes.missing');
      case 'volumes.unmounted':
        return this.claims().volumes.filter((v) => !v.pv || !this.p.attached.has(v.pv)).map((v) => v.volume).join(' ');
      case 'volumes.unattached':
        return list(rec(pod.spec).volumes).map((v) => str(v.name)).join(' ');
      case 'terminal': {
        const phase = podPhase(pod, this.p);
        return phase === 'Succeeded' || phase === 'Failed';
      }
      case 'containers.stopped':
        return this.p.containers.every((c) => STOPPED.has(c.phase));
      default:
        return undefined;
    }
  }

  act(action: string): void {
    const now = this.n.ctx.clock.now();
    const pod = this.pod();
    switch (action) {
      case 'pod.admit':
        this.p.startTime ??= now;
        this.p.hostIP = this.n.hostIP();
        return;
      case 'mount.failed':
        this.p.mountFailures++;
        return;
      case 'volumes.attach': {
        const pending = (this.fact('volumes.toAttach') as string[] | undefined) ?? [];
        for (const pv of pending) this.p.attached.add(pv);
        this.p.justAttached = pending;
        return;
      }
      case 'sandbox.create':
        this.p.podIP ??= rec(pod.spec).hostNetwork === true ? this.n.hostIP() : this.n.allocatePodIP(pod);
        this.p.sandbox = true;
        return;
      case 'sandbox.remove':
        this.p.sandbox = false;
        return;
      case 'pod.delete':
        try {
          this.n.ctx.api.delete(this.n.r.pods, pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
        } catch (e) {
          if (!(e instanceof ApiError) || (e.code !== 404 && e.code !== 409)) throw e;
        }
        this.p.gone = true;
        return;
    }
  }

  emit(event: EventSpec, render: (template: string) => string): void {
    const component = event.source ?? 'kubelet';
    this.n.events.emit({
      regarding: this.pod(),
      type: event.type,
      reason: event.reason,
      message: render(event.message),
      source: component === 'kubelet' ? { component, host: this.n.nodeName } : { component },
    });
  }
}
