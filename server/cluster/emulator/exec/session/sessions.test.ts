import { describe, expect, test } from 'vitest';
import type { LogSource } from '../../apiserver/pieces.ts';
import { add, runningPod, testWorld } from '../testing.ts';
import { attachSession } from './attach-session.ts';
import { execSession } from './exec-session.ts';
import type { ExecStatus } from './status.ts';
import type { ExecStreams } from './streams.ts';

/** Streams as a client would drive them, recording what the server sends. */
function fakeStreams(opts: { stdin?: boolean; tty?: boolean } = {}) {
  let stdout = '';
  let status: ExecStatus | undefined;
  const stdinCbs: ((t: string) => void)[] = [];
  const endCbs: (() => void)[] = [];
  const closeCbs: (() => void)[] = [];
  const streams: ExecStreams = {
    stdin: opts.stdin ?? false,
    stdout: true,
    stderr: !opts.tty,
    tty: opts.tty ?? false,
    writeStdout: (t) => (stdout += t),
    writeStderr: (t) => (stdout += t),
    onStdin: (cb) => stdinCbs.push(cb),
    onStdinEnd: (cb) => endCbs.push(cb),
    onResize: () => undefined,
    onClose: (cb) => closeCbs.push(cb),
    finish: (s) => (status ??= s),
    backlog: 0,
  };
  return {
    streams,
    type: (t: string) => stdinCbs.forEach((cb) => cb(t)),
    endStdin: () => endCbs.forEach((cb) => cb()),
    disconnect: () => closeCbs.forEach((cb) => cb()),
    get stdout() {
      return stdout;
    },
    get status() {
      return status;
    },
  };
}

describe('exec sessions', () => {
  test('a container that is not running ends at once with the kubelet’s answer', async () => {
    const { store, world } = testWorld();
    const pod = runningPod({ name: 'p' });
    pod.status = { phase: 'Pending', containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ContainerCreating' } } }] };
    add(store, pod);
    const c = fakeStreams();
    await execSession(world, world.reader.pod('default', 'p')!, 'app', ['ls'], c.streams, { translated: true });
    expect(c.status).toEqual({ kind: 'internal', message: 'unable to upgrade connection: container not found ("app")' });
  });

  test('a client that goes away stops a long command', async () => {
    const { store, world } = testWorld();
    add(store, runningPod({ name: 'p', image: 'busybox' }));
    const c = fakeStreams();
    const done = execSession(world, world.reader.pod('default', 'p')!, 'app', ['sleep', '3600'], c.streams, { translated: true });
    setTimeout(() => c.disconnect(), 20);
    await done;
    expect(c.status).toEqual({ kind: 'exit', code: 130, command: ['sleep', '3600'] });
  });
});

describe('attach', () => {
  test('to a shell started with stdin: the session is that shell, and its exit goes to the container, not the stream', async () => {
    const { store, world } = testWorld();
    add(store, runningPod({ name: 'p', image: 'busybox', container: { command: ['sh'], stdin: true, tty: true } }));
    const c = fakeStreams({ stdin: true, tty: true });
    const exits: number[] = [];
    const done = attachSession(world, world.reader.pod('default', 'p')!, 'app', c.streams, { onMainProcessExit: (_ns, _pod, _c, code) => exits.push(code) }, { translated: true });
    c.type('echo hi\r');
    c.type('exit 2\r');
    await done;
    expect(c.stdout).toBe('/ # echo hi\r\nhi\r\n/ # exit 2\r\n');
    expect(c.status).toEqual({ kind: 'success' });
    expect(exits).toEqual([2]);
  });

  test('to a server: its new output, from the log stream, until the container stops', async () => {
    const { store, world } = testWorld();
    add(store, runningPod({ name: 'p' }));
    let push: (line: string) => void = () => undefined;
    let stop: () => void = () => undefined;
    const logs: LogSource = {
      read: () => '',
      follow: (_ns, _pod, opts, onLine, end) => {
        expect(opts).toEqual({ container: 'app', tailLines: 0 });
        push = onLine;
        stop = end;
        return () => undefined;
      },
    };
    const c = fakeStreams();
    await attachSession(world, world.reader.pod('default', 'p')!, 'app', c.streams, { logs }, { translated: true });
    push('10.0.0.1 - - "GET / HTTP/1.1" 200 615\n');
    stop();
    expect(c.stdout).toBe('10.0.0.1 - - "GET / HTTP/1.1" 200 615\n');
    expect(c.status).toEqual({ kind: 'success' });
  });
});
