import { describe, expect, it } from 'vitest';
import { simulate } from '../../sim-harness.ts';
import { pod } from '../../test-harness.ts';
import { rfc3339Nano } from './run-log.ts';

const read = (s: ReturnType<typeof simulate>, name: string, opts = {}) => s.logs.read('default', name, opts);
const error = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return `${(e as { code?: number }).code} ${(e as Error).message}`;
  }
  return 'no error';
};

describe('container logs', () => {
  it('answers as kube-apiserver and the kubelet do before there are logs', () => {
    const s = simulate({ nodeGroups: [] });
    s.h.create(pod('pending', { containers: [{ name: 'app', image: 'nginx' }] }));
    expect(read(s, 'pending')).toBe('');
    const t = simulate();
    t.h.create(pod('web', { containers: [{ name: 'app', image: 'nginx' }, { name: 'sidecar', image: 'busybox', command: ['sleep', '3600'] }] }));
    expect(error(() => read(t, 'web'))).toBe('400 a container name must be specified for pod web, choose one of: [app sidecar]');
    expect(error(() => read(t, 'web', { container: 'nope' }))).toBe('400 container nope is not valid for pod web');
    t.h.run(200);
    expect(error(() => read(t, 'web', { container: 'app' }))).toBe('400 container "app" in pod "web" is waiting to start: ContainerCreating');
    t.h.run(10_000);
    expect(error(() => read(t, 'web', { container: 'app', previous: true }))).toBe('400 previous terminated container "app" in pod "web" not found');
    expect(error(() => t.logs.read('default', 'ghost', {}))).toBe('404 pods "ghost" not found');
  });

  it('prints what nginx and httpd print at start-up', () => {
    const s = simulate();
    s.h.create(pod('nginx', { containers: [{ name: 'app', image: 'nginx:1.27' }] }));
    s.h.create(pod('httpd', { containers: [{ name: 'app', image: 'httpd:2.4' }] }));
    s.h.create(pod('echo', { containers: [{ name: 'app', image: 'hashicorp/http-echo', args: ['-text=hello'] }] }));
    s.h.run(10_000);
    const nginx = read(s, 'nginx').split('\n');
    expect(nginx[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(nginx).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(nginx.find((l) => l.includes('] 1#1: nginx/'))).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: nginx\/1\.27\.5$/);
    expect(nginx.filter((l) => l.includes('start worker process '))).toHaveLength(2);
    const ip = (s.status('httpd') as { podIP: string }).podIP;
    expect(read(s, 'httpd').split('\n')[0]).toBe(
      `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`,
    );
    expect(read(s, 'echo')).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[INFO\] server is listening on :5678\n$/);
  });

  it('tails, prefixes RFC 3339 timestamps, filters by age and limits bytes', () => {
    const s = simulate();
    s.h.create(pod('loop', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 5; done'] }] }));
    s.h.run(60_000);
    const all = read(s, 'loop').trim().split('\n');
    expect(all[0]).toBe('tick 0');
    expect(all.length).toBeGreaterThanOrEqual(11);
    const tail = read(s, 'loop', { tailLines: 2 }).trim().split('\n');
    expect(tail).toEqual(all.slice(-2));
    const stamped = read(s, 'loop', { tailLines: 1, timestamps: true });
    expect(stamped).toMatch(/^2026-03-02T09:00:\d\d\.\d{9}Z tick \d+\n$/);
    expect(read(s, 'loop', { sinceSeconds: 11 }).trim().split('\n')).toHaveLength(2);
    expect(read(s, 'loop', { limitBytes: 8 })).toBe('tick 0\nt');
  });

  it('keeps producing the same lines for old containers, cheaply', () => {
    const s = simulate();
    s.h.create(pod('loop', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'i=0; while true; do echo "tick $i $(date +%H:%M:%S)"; i=$((i+1)); sleep 1; done'] }] }));
    s.h.run(10_000);
    const early = read(s, 'loop', { tailLines: 1 });
    s.h.clock.advance(2 * 86_400_000);
    const tail = read(s, 'loop', { tailLines: 3 }).trim().split('\n');
    expect(tail).toHaveLength(3);
    const n = Number(tail[2]!.split(' ')[1]);
    expect(n).toBeGreaterThan(172_000);
    expect(tail[0]).toBe(`tick ${n - 2} ${tail[0]!.split(' ')[2]}`);
    expect(early).toMatch(/^tick \d+ 09:00:\d\d\n$/);
  });

  it('follows a running container and ends when it exits', () => {
    const s = simulate();
    s.h.create(pod('count', { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3; for i in 1 2 3; do echo "line $i"; sleep 1; done'] }] }));
    s.h.run(4_000);
    const before = read(s, 'count');
    const lines: string[] = [];
    let ended = false;
    s.logs.follow('default', 'count', { tailLines: 0 }, (l) => lines.push(l), () => (ended = true));
    s.h.run(10_000);
    expect(before + lines.join('')).toBe('line 1\nline 2\nline 3\n');
    expect(ended).toBe(true);
  });

  it('reads the previous instance of a restarted container', () => {
    const s = simulate();
    s.h.create(pod('flaky', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo "started at $(date +%s)"; sleep 5; exit 1'] }] }));
    s.h.run(10_000);
    const status = (s.status('flaky').containerStatuses ?? [])[0] as { restartCount: number; state: { running?: unknown } };
    expect(status.restartCount).toBe(1);
    expect(status.state.running).toBeDefined();
    const current = read(s, 'flaky');
    const previous = read(s, 'flaky', { previous: true });
    expect(previous).toMatch(/^started at \d+\n$/);
    expect(current).toMatch(/^started at \d+\n$/);
    expect(Number(current.split(' ')[2]) - Number(previous.split(' ')[2])).toBeGreaterThanOrEqual(5);
  });
});

describe('log timestamps', () => {
  it('always carry nine digits of nanoseconds, trailing zeros included (the kubelet formats with RFC3339NanoFixed)', () => {
    const at = Date.parse('2026-03-02T09:00:10.000Z');
    expect(rfc3339Nano({ at, nanos: 11_470, text: '' })).toBe('2026-03-02T09:00:10.000011470Z');
    expect(rfc3339Nano({ at, nanos: 0, text: '' })).toBe('2026-03-02T09:00:10.000000000Z');
    expect(rfc3339Nano({ at: at + 120, nanos: 5, text: '' })).toBe('2026-03-02T09:00:10.120000005Z');
  });
});
