/** How the node simulation reports events: through the control plane's shared recorder (controllers/events.ts). */
import { createEventRecorder, type EventRecorder, type RecorderContext } from '../controllers/events.ts';
import type { StoredObject } from '../meta/types.ts';

/** What the node simulation reports about an object. */
export interface SimEvent {
  regarding: StoredObject;
  /** `spec.containers{app}` for container events. */
  fieldPath?: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `kubelet` with the node as host, `default-scheduler`, `persistentvolume-controller`… */
  source: { component: string; host?: string };
  /**
   * Reporters that use events.k8s.io/v1 (the scheduler, external provisioners) give an action and an instance;
   * they are stored with `eventTime`, `series` for repeats, and an empty `source`, as upstream stores them.
   */
  newApi?: { action: string; reportingInstance: string };
}

export interface EventSink {
  emit(event: SimEvent): void;
}

/** One recorder per reporter (component, host, style), as every upstream component has its own. */
export class RecorderSink implements EventSink {
  private readonly recorders = new Map<string, EventRecorder>();

  constructor(private readonly ctx: RecorderContext) {}

  emit(e: SimEvent): void {
    const key = [e.source.component, e.source.host ?? '', e.newApi?.reportingInstance ?? ''].join('|');
    let recorder = this.recorders.get(key);
    if (!recorder) {
      recorder = createEventRecorder(this.ctx, {
        component: e.source.component,
        ...(e.source.host ? { host: e.source.host } : {}),
        ...(e.newApi ? { style: 'events' as const, reportingInstance: e.newApi.reportingInstance } : {}),
      });
      this.recorders.set(key, recorder);
    }
    recorder.event(e.regarding, e.type, e.reason, e.message, {
      ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
      ...(e.newApi ? { action: e.newApi.action } : {}),
    });
  }
}
