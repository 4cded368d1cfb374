import { describe, expect, it } from 'vitest';
import { podPrinter } from './pod.ts';
import { ago, ctx, obj } from './test-fixtures.ts';

const NODE = 'ip-192-168-12-34.us-west-2.compute.internal';

function pod(name: string, spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}, age = '10m') {
  return obj('v1', 'Pod', { name, namespace: 'default', ...meta }, { spec: { nodeName: NODE, ...spec }, status }, age);
}
const containers = (...names: string[]) => names.map((n) => ({ name: n, image: `public.ecr.aws/docker/library/${n}:latest` }));
const running = (name: string, extra: Record<string, unknown> = {}) => ({ name, ready: true, started: true, restartCount: 0, state: { running: { startedAt: ago('9m') } }, ...extra });
const cells = (p: ReturnType<typeof pod>) => podPrinter.cells(p, ctx);
/** NAME READY STATUS RESTARTS AGE */
const row = (p: ReturnType<typeof pod>) => cells(p).slice(0, 5);

// printers.go AddHandlers: podColumnDefinitions.
describe('pod columns', () => {
  it('match upstream names, types and priorities', () => {
    expect(podPrinter.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Status', 'string', 0],
      ['Restarts', 'string', 0],
      ['Age', 'string', 0],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
      ['Nominated Node', 'string', 1],
      ['Readiness Gates', 'string', 1],
    ]);
    expect(podPrinter.columns[0]!.format).toBe('name');
    expect(podPrinter.columns[3]!.description).toBe(
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    );
    expect(podPrinter.columns[5]!.description).toBe('podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.');
  });
});

// printers.go printPod.
describe('pod cells', () => {
  it('prints a running coredns pod, wide cells included', () => {
    const p = pod(
      'coredns-787cb67946-7xk2p',
      { containers: containers('coredns') },
      {
        phase: 'Running',
        podIP: '192.168.27.201',
        podIPs: [{ ip: '192.168.27.201' }],
        conditions: [
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: 'True' },
        ],
        containerStatuses: [running('coredns')],
      },
      { namespace: 'kube-system' },
      '3d',
    );
    expect(cells(p)).toEqual(['coredns-787cb67946-7xk2p', '1/1', 'Running', '0', '3d', '192.168.27.201', NODE, '<none>', '<none>']);
    expect(podPrinter.conditions!(p)).toBeUndefined();
  });

  it('prints CrashLoopBackOff with the restart count and the last restart time', () => {
    const p = pod(
      'api-7d9f8b6c5-q2wzx',
      { containers: containers('api') },
      {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'api',
            ready: false,
            started: false,
            restartCount: 5,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container=api' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago('3m'), finishedAt: ago('2m') } },
          },
        ],
      },
    );
    expect(row(p)).toEqual(['api-7d9f8b6c5-q2wzx', '0/1', 'CrashLoopBackOff', '5 (2m ago)', '10m']);
  });

  it('takes the latest termination over all containers for "ago"', () => {
    const p = pod(
      'web-0',
      { containers: containers('web', 'sidecar') },
      {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          running('web', { restartCount: 2, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: ago('3h') } } }),
          running('sidecar', { restartCount: 1, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago('95s') } } }),
        ],
      },
      {},
      '2d',
    );
    expect(row(p)).toEqual(['web-0', '2/2', 'Running', '3 (95s ago)', '2d']);
  });

  it('prints a completed Job pod as Completed, with the Completed row condition', () => {
    const p = pod(
      'pi-6x9kd',
      { containers: containers('pi'), restartPolicy: 'Never' },
      {
        phase: 'Succeeded',
        podIP: '192.168.5.17',
        podIPs: [{ ip: '192.168.5.17' }],
        containerStatuses: [
          { name: 'pi', ready: false, started: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: ago('5m') } } },
        ],
      },
    );
    expect(row(p)).toEqual(['pi-6x9kd', '0/1', 'Completed', '0', '10m']);
    expect(podPrinter.conditions!(p)).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  });

  it('prints Init:i/n while an init container runs', () => {
    const p = pod(
      'orders-5c7b9-abcde',
      { initContainers: containers('wait-for-db', 'migrate'), containers: containers('orders') },
      {
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized' }],
        initContainerStatuses: [
          { name: 'wait-for-db', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'migrate', ready: false, restartCount: 0, state: { running: { startedAt: ago('20s') } } },
        ],
        containerStatuses: [{ name: 'orders', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
      },
      {},
      '45s',
    );
    expect(row(p)).toEqual(['orders-5c7b9-abcde', '0/1', 'Init:1/2', '0', '45s']);
  });

  it('prints Init:<reason> for a waiting or failed init container, counting its restarts', () => {
    const initPod = (state: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      pod(
        'app',
        { initContainers: containers('init'), containers: containers('app') },
        {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, state, ...extra }],
          containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
        },
      );
    expect(row(initPod({ waiting: { reason: 'ErrImagePull', message: 'pull access denied' } }))[2]).toBe('Init:ErrImagePull');
    expect(row(initPod({ waiting: { reason: 'PodInitializing' } }))[2]).toBe('Init:0/1');
    expect(row(initPod({ terminated: { exitCode: 1 } }))[2]).toBe('Init:ExitCode:1');
    expect(row(initPod({ terminated: { exitCode: 137, signal: 9 } }))[2]).toBe('Init:Signal:9');
    expect(
      row(initPod({ waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago('60s') } } })).slice(2, 4),
    ).toEqual(['Init:CrashLoopBackOff', '3 (60s ago)']);
  });

  it('prints PodInitializing once init containers are done and the main container is being created', () => {
    const p = pod(
      'orders-5c7b9-abcde',
      { initContainers: containers('migrate'), containers: containers('orders') },
      {
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [{ name: 'migrate', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
        containerStatuses: [{ name: 'orders', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
      },
    );
    expect(row(p)[2]).toBe('PodInitializing');
  });

  it('counts a started native sidecar as ready and its restarts once the pod is initialized', () => {
    const p = pod(
      'shop-6b8d7f-xk2lp',
      { initContainers: [{ name: 'log-shipper', image: 'fluent-bit', restartPolicy: 'Always' }], containers: containers('shop') },
      {
        phase: 'Running',
        conditions: [
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: 'True' },
        ],
        initContainerStatuses: [
          running('log-shipper', { restartCount: 1, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago('30m') } } }),
        ],
        containerStatuses: [running('shop')],
      },
      {},
      '2h',
    );
    expect(row(p)).toEqual(['shop-6b8d7f-xk2lp', '2/2', 'Running', '1 (30m ago)', '120m']);
  });

  it('lets the first container decide, and flips Completed back to Running or NotReady while one still runs', () => {
    const two = (statuses: unknown[], ready: string) =>
      pod('multi', { containers: containers('web', 'metrics') }, { phase: 'Running', conditions: [{ type: 'Ready', status: ready }], containerStatuses: statuses });
    expect(row(two([{ name: 'web', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }, running('metrics')], 'False')).slice(1, 3)).toEqual([
      '1/2',
      'ImagePullBackOff',
    ]);
    const done = { name: 'web', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } };
    expect(row(two([done, running('metrics')], 'False'))[2]).toBe('NotReady');
    expect(row(two([done, running('metrics')], 'True'))[2]).toBe('Running');
    expect(row(two([{ ...done, state: { terminated: { exitCode: 0, signal: 15 } } }, running('metrics')], 'True'))[2]).toBe('Signal:15');
    expect(row(two([{ ...done, state: { terminated: { exitCode: 2 } } }, running('metrics')], 'True'))[2]).toBe('ExitCode:2');
    expect(row(two([{ ...done, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }, running('metrics')], 'True'))[2]).toBe('OOMKilled');
  });

  it('prints Pending, ContainerCreating and SchedulingGated before a pod runs', () => {
    const unscheduled = obj(
      'v1',
      'Pod',
      { name: 'big-0', namespace: 'default' },
      {
        spec: { containers: containers('big') },
        status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' }] },
      },
      '30s',
    );
    expect(cells(unscheduled)).toEqual(['big-0', '0/1', 'Pending', '0', '30s', '<none>', '<none>', '<none>', '<none>']);
    const creating = pod('nginx', { containers: containers('nginx') }, { phase: 'Pending', containerStatuses: [{ name: 'nginx', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }, {}, '5s');
    expect(cells(creating).slice(1, 7)).toEqual(['0/1', 'ContainerCreating', '0', '5s', '<none>', NODE]);
    const gated = obj('v1', 'Pod', { name: 'gated', namespace: 'default' }, {
      spec: { containers: containers('app'), schedulingGates: [{ name: 'example.com/quota' }] },
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] },
    });
    expect(row(gated)[2]).toBe('SchedulingGated');
  });

  it('prints Terminating while a pod is deleted, and Unknown when its node is lost', () => {
    const base = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [running('nginx')] };
    const deleting = pod('nginx-7854ff8877-2xkqz', { containers: containers('nginx') }, base, { deletionTimestamp: ago('10s'), deletionGracePeriodSeconds: 30 });
    expect(row(deleting)).toEqual(['nginx-7854ff8877-2xkqz', '1/1', 'Terminating', '0', '10m']);
    const lost = pod('nginx-lost', { containers: containers('nginx') }, { ...base, reason: 'NodeLost' }, { deletionTimestamp: ago('10s') });
    expect(row(lost)[2]).toBe('Unknown');
    const finished = pod('done', { containers: containers('pi') }, { phase: 'Succeeded', containerStatuses: [] }, { deletionTimestamp: ago('1s') });
    expect(row(finished)[2]).toBe('Succeeded');
  });

  it('prints the pod-level reason of an evicted pod', () => {
    const evicted = pod('web-6d4cf56db6-9zq8x', { containers: containers('web') }, { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' });
    expect(row(evicted)).toEqual(['web-6d4cf56db6-9zq8x', '0/1', 'Evicted', '0', '10m']);
    expect(podPrinter.conditions!(evicted)).toEqual([{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
  });

  it('prints readiness gates and the nominated node', () => {
    const gate = 'target-health.elbv2.k8s.aws/k8s-default-web-4f9c1e2a3b';
    const p = pod(
      'web-6d4cf56db6-pl2mn',
      { containers: containers('web'), readinessGates: [{ conditionType: gate }] },
      {
        phase: 'Running',
        nominatedNodeName: 'ip-192-168-70-2.us-west-2.compute.internal',
        podIPs: [{ ip: '192.168.44.9' }],
        conditions: [{ type: gate, status: 'True' }],
        containerStatuses: [running('web')],
      },
    );
    expect(cells(p).slice(5)).toEqual(['192.168.44.9', NODE, 'ip-192-168-70-2.us-west-2.compute.internal', '1/1']);
  });
});
