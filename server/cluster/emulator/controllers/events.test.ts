import { describe, expect, it } from 'vitest';
import { harness } from './testing.ts';
import { createEventRecorder } from './events.ts';
import { EventTtlController } from './events/ttl.ts';
import type { StoredObject } from './shared/types.ts';
import type { Controller, ControllerContext } from './types.ts';

type Ev = StoredObject & Record<string, unknown> & { count?: number; message: string; involvedObject: Record<string, unknown> };

/** A controller-less harness with a recorder bound to its cluster. */
function setup(options: Parameters<typeof createEventRecorder>[1], controllers: Controller[] = []) {
  let ctx!: ControllerContext;
  const grab: Controller = { name: 'grab', start: (c) => ((ctx = c), () => {}) };
  const h = harness({ controllers: [grab, ...controllers], reapTerminatingPods: false });
  const recorder = createEventRecorder(ctx, options);
  const pod = h.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  return { h, recorder, pod };
}

const events = (h: ReturnType<typeof setup>['h']) => h.list<Ev>('events', 'default').sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));

describe('event recorder', () => {
  it('writes core/v1 Events shaped as client-go writes them', () => {
    const { h, recorder, pod } = setup({ component: 'kubelet', host: 'node-1' });
    recorder.event(pod, 'Normal', 'Pulling', 'Pulling image "nginx"', { fieldPath: 'spec.containers{c}' });
    const [e] = events(h);
    expect(e!.metadata.name).toMatch(/^web-1\.[0-9a-f]{16}$/);
    const { metadata: _m, ...body } = e!;
    expect(body).toEqual({
      apiVersion: 'v1',
      kind: 'Event',
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: pod.metadata.uid, apiVersion: 'v1', resourceVersion: pod.metadata.resourceVersion, fieldPath: 'spec.containers{c}' },
      reason: 'Pulling',
      message: 'Pulling image "nginx"',
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2026-03-02T09:00:00Z',
      lastTimestamp: '2026-03-02T09:00:00Z',
      count: 1,
      type: 'Normal',
      eventTime: null,
      reportingComponent: 'kubelet',
      reportingInstance: 'node-1',
    });
  });

  it('counts identical events on one object, keeping the first timestamp', () => {
    const { h, recorder, pod } = setup({ component: 'kubelet', host: 'node-1' });
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container c in pod web-1_default(x)');
    h.advance(10_000);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container c in pod web-1_default(x)');
    h.advance(20_000);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container c in pod web-1_default(x)');
    const list = events(h);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ count: 3, firstTimestamp: '2026-03-02T09:00:00Z', lastTimestamp: '2026-03-02T09:00:30Z' });
  });

  it('lets a source burst 25 events about an object, then one per 5 minutes', () => {
    const { h, recorder, pod } = setup({ component: 'x' });
    for (let i = 0; i < 30; i++) recorder.event(pod, 'Normal', `R${i}`, 'm');
    expect(events(h)).toHaveLength(25);
    h.advance(300_000, 60_000);
    recorder.event(pod, 'Normal', 'R30', 'm');
    recorder.event(pod, 'Normal', 'R31', 'm');
    expect(events(h)).toHaveLength(26);
  });

  it('records events.k8s.io-style events (the scheduler) with eventTime and a series on repeats', () => {
    const { h, recorder, pod } = setup({ component: 'default-scheduler', style: 'events', reportingInstance: 'default-scheduler-ip-10-0-0-1' });
    recorder.event(pod, 'Warning', 'FailedScheduling', '0/3 nodes are available.', { action: 'Scheduling' });
    const [e] = events(h);
    expect(e).toMatchObject({
      eventTime: '2026-03-02T09:00:00.000000Z',
      firstTimestamp: null,
      lastTimestamp: null,
      source: {},
      action: 'Scheduling',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-ip-10-0-0-1',
    });
    expect(e!.count).toBeUndefined();
    h.advance(60_000);
    recorder.event(pod, 'Warning', 'FailedScheduling', '0/3 nodes are available.', { action: 'Scheduling' });
    expect(events(h)).toHaveLength(1);
    expect(events(h)[0]!.series).toEqual({ count: 2, lastObservedTime: '2026-03-02T09:01:00.000000Z' });
  });

  it('expires events an hour after their last update', () => {
    const { h, recorder, pod } = setup({ component: 'x' }, [new EventTtlController()]);
    recorder.event(pod, 'Normal', 'A', 'first');
    h.advance(30 * 60_000, 60_000);
    recorder.event(pod, 'Normal', 'B', 'second');
    h.advance(30 * 60_000, 60_000);
    expect(events(h).map((e) => e.reason)).toEqual(['B']);
    h.advance(30 * 60_000, 60_000);
    expect(events(h)).toHaveLength(0);
  });

  it('drops events for a namespace that does not exist', () => {
    const { h, recorder } = setup({ component: 'x' });
    recorder.event({ kind: 'Pod', namespace: 'nope', name: 'p', uid: 'u', apiVersion: 'v1' }, 'Normal', 'A', 'm');
    expect(h.list('events')).toHaveLength(0);
  });
});
