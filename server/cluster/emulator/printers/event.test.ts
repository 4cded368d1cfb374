import { describe, expect, it } from 'vitest';
import { eventPrinter } from './event.ts';
import { ago, ctx, obj } from './test-fixtures.ts';

const NODE = 'ip-192-168-12-34.us-west-2.compute.internal';
/** A MicroTime 0.123456s after `t`: the ages below truncate, as upstream's do (95s ago + 0.12s prints 94s). */
const micro = (t: string) => t.replace('Z', '.123456Z');

// printers.go eventColumnDefinitions: the wide columns sit between the others.
describe('event columns', () => {
  it('match upstream order and priorities', () => {
    expect(eventPrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}${c.format ? `:${c.format}` : ''}`)).toEqual([
      'Last Seen:string:0',
      'Type:string:0',
      'Reason:string:0',
      'Object:string:0',
      'Subobject:string:1',
      'Source:string:1',
      'Message:string:0',
      'First Seen:string:1',
      'Count:string:1',
      'Name:string:1:name',
    ]);
  });
});

// printers.go printEvent, formatEventSource.
describe('event cells', () => {
  it('prints a kubelet event', () => {
    const ev = obj('v1', 'Event', { name: 'nginx-7854ff8877-2xkqz.1842c7d3a5e0f1b2', namespace: 'default' }, {
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'nginx-7854ff8877-2xkqz', apiVersion: 'v1', fieldPath: 'spec.containers{nginx}' },
      reason: 'Pulled',
      message: 'Successfully pulled image "nginx:1.27.4" in 2.1s (2.1s including waiting). Image size: 72099410 bytes.',
      source: { component: 'kubelet', host: NODE },
      firstTimestamp: ago('2m'),
      lastTimestamp: ago('2m'),
      count: 1,
      type: 'Normal',
      eventTime: null,
      reportingComponent: 'kubelet',
      reportingInstance: NODE,
    }, '2m');
    expect(eventPrinter.cells(ev, ctx)).toEqual([
      '2m',
      'Normal',
      'Pulled',
      'pod/nginx-7854ff8877-2xkqz',
      'spec.containers{nginx}',
      `kubelet, ${NODE}`,
      'Successfully pulled image "nginx:1.27.4" in 2.1s (2.1s including waiting). Image size: 72099410 bytes.',
      '2m',
      1,
      'nginx-7854ff8877-2xkqz.1842c7d3a5e0f1b2',
    ]);
  });

  it('prints a repeated BackOff warning with its count', () => {
    const ev = obj('v1', 'Event', { name: 'api-7d9f8b6c5-q2wzx.1842c7e0b1c2d3e4', namespace: 'default' }, {
      involvedObject: { kind: 'Pod', name: 'api-7d9f8b6c5-q2wzx', fieldPath: 'spec.containers{api}' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container api in pod api-7d9f8b6c5-q2wzx_default(0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e)\n',
      source: { component: 'kubelet', host: NODE },
      firstTimestamp: ago('10m'),
      lastTimestamp: ago('30s'),
      count: 25,
      type: 'Warning',
    });
    expect(eventPrinter.cells(ev, ctx).slice(0, 9)).toEqual([
      '30s',
      'Warning',
      'BackOff',
      'pod/api-7d9f8b6c5-q2wzx',
      'spec.containers{api}',
      `kubelet, ${NODE}`,
      'Back-off restarting failed container api in pod api-7d9f8b6c5-q2wzx_default(0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e)',
      '10m',
      25,
    ]);
  });

  it('prints an event written through the new API: eventTime, reporting controller, count 1', () => {
    const ev = obj('v1', 'Event', { name: 'web-6d4cf56db6-pl2mn.1842c7f0a0b0c0d0', namespace: 'default' }, {
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-6d4cf56db6-pl2mn' },
      reason: 'Scheduled',
      message: `Successfully assigned default/web-6d4cf56db6-pl2mn to ${NODE}`,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: 'Normal',
      eventTime: micro(ago('95s')),
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-ip-172-16-58-132.us-west-2.compute.internal',
    });
    expect(eventPrinter.cells(ev, ctx).slice(0, 9)).toEqual([
      '94s',
      'Normal',
      'Scheduled',
      'pod/web-6d4cf56db6-pl2mn',
      '',
      'default-scheduler, default-scheduler-ip-172-16-58-132.us-west-2.compute.internal',
      `Successfully assigned default/web-6d4cf56db6-pl2mn to ${NODE}`,
      '94s',
      1,
    ]);
  });

  it('uses the series for LAST SEEN and COUNT, and prints a bare kind for objects without a name', () => {
    const ev = obj('v1', 'Event', { name: 'x.1' }, {
      involvedObject: { kind: 'Node', name: NODE },
      reason: 'NodeNotReady',
      type: 'Normal',
      eventTime: micro(ago('20m')),
      series: { count: 12, lastObservedTime: micro(ago('40s')) },
      reportingComponent: 'node-controller',
    });
    const cells = eventPrinter.cells(ev, ctx);
    expect([cells[0], cells[3], cells[5], cells[7], cells[8]]).toEqual(['39s', `node/${NODE}`, 'node-controller', '19m', 12]);
    const clusterWide = obj('v1', 'Event', { name: 'y' }, { involvedObject: { kind: 'ClusterIssuer' }, firstTimestamp: ago('3m'), count: 2 });
    expect(eventPrinter.cells(clusterWide, ctx)[3]).toBe('clusterissuer');
    expect(eventPrinter.cells(obj('v1', 'Event', { name: 'z' }, { involvedObject: {} }), ctx)[0]).toBe('<unknown>');
  });

  it('prints an events.k8s.io/v1 Event exactly as its core/v1 form', () => {
    const ev = obj('events.k8s.io/v1', 'Event', { name: 'nginx.1842c7d3a5e0f1b2', namespace: 'default' }, {
      regarding: { kind: 'Deployment', namespace: 'default', name: 'nginx', apiVersion: 'apps/v1' },
      reason: 'ScalingReplicaSet',
      note: 'Scaled up replica set nginx-7854ff8877 to 3',
      type: 'Normal',
      eventTime: null,
      reportingController: 'deployment-controller',
      reportingInstance: '',
      deprecatedSource: { component: 'deployment-controller' },
      deprecatedFirstTimestamp: ago('25m'),
      deprecatedLastTimestamp: ago('25m'),
      deprecatedCount: 1,
    });
    expect(eventPrinter.cells(ev, ctx)).toEqual([
      '25m',
      'Normal',
      'ScalingReplicaSet',
      'deployment/nginx',
      '',
      'deployment-controller',
      'Scaled up replica set nginx-7854ff8877 to 3',
      '25m',
      1,
      'nginx.1842c7d3a5e0f1b2',
    ]);
  });
});
