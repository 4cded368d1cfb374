import { describe, expect, it } from 'vitest';
import type { ProcEvent } from './events.ts';
import { Shell, type Flavour } from './interpret.ts';

function run(script: string, opts: { flavour?: Flavour; files?: Record<string, string>; env?: Record<string, string>; limit?: number; skipUntil?: number } = {}) {
  const files = new Map(Object.entries(opts.files ?? {}));
  const shell = new Shell({
    flavour: opts.flavour ?? 'ash',
    argv0: 'sh',
    env: opts.env ?? { HOME: '/root' },
    files,
    hostname: 'web-1',
    kernel: '6.1.99-1.amzn2023.x86_64',
    startedAt: Date.parse('2026-03-02T09:00:00Z'),
    hasBinary: (n) => ['date', 'cat', 'env', 'hostname', 'uname', 'touch', 'rm', 'seq', 'ls'].includes(n),
    skipUntil: () => opts.skipUntil ?? 0,
  });
  const it = shell.runScript(script);
  const events: ProcEvent[] = [];
  let code: number | undefined;
  for (let i = 0; i < (opts.limit ?? 10_000); i++) {
    const r = it.next();
    if (r.done) {
      code = r.value;
      break;
    }
    events.push(r.value);
  }
  const lines = events.filter((e) => e.kind === 'out').map((e) => `${e.t} ${(e as { text: string }).text}`);
  return { code, lines, events, files, t: shell.t };
}

describe('shell', () => {
  it('reports the node kernel in uname -a', () => {
    expect(run('uname -a').lines).toEqual(['1 Linux web-1 6.1.99-1.amzn2023.x86_64 #1 SMP PREEMPT_DYNAMIC Tue Apr  8 13:14:54 UTC 2025 x86_64']);
  });

  it('runs echo, sleep and exit with times', () => {
    const r = run('echo start; sleep 2; echo "done at $HOME"; exit 3');
    expect(r.lines).toEqual(['0 start', '2000 done at /root']);
    expect(r.code).toBe(3);
  });

  it('chains with && and || and reports not found per shell', () => {
    expect(run('false && echo no || echo yes').lines).toEqual(['0 yes']);
    expect(run('foo').lines).toEqual(['0 sh: foo: not found']);
    expect(run('foo').code).toBe(127);
    expect(run('foo', { flavour: 'dash' }).lines).toEqual(['0 sh: 1: foo: not found']);
    expect(run('foo', { flavour: 'bash' }).lines).toEqual(['0 sh: line 1: foo: command not found']);
  });

  it('loops with counters, for lists and if', () => {
    const r = run('i=0; while [ $i -lt 3 ]; do echo "i=$i"; i=$((i+1)); sleep 1; done; for x in a b; do echo $x; done; if [ -f /etc/x ]; then echo yes; else echo no; fi');
    expect(r.lines).toEqual(['0 i=0', '1000 i=1', '2000 i=2', '3000 a', '3000 b', '3000 no']);
    expect(r.code).toBe(0);
  });

  it('prints the date, expands defaults and command substitutions', () => {
    const r = run('echo "$(date) ${NAME:-anon} $(hostname)"; sleep 65; date +%H:%M:%S');
    expect(r.lines).toEqual(['2 Mon Mar  2 09:00:00 UTC 2026 anon web-1', '65003 09:01:05']);
  });

  it('runs an endless loop lazily and fast-forwards it', () => {
    const r = run('while true; do echo tick; sleep 5; done', { limit: 5 });
    expect(r.lines).toEqual(['0 tick', '5000 tick', '10000 tick', '15000 tick', '20000 tick']);
    const far = run('while true; do echo tick; sleep 5; done', { limit: 3, skipUntil: 3_600_000 });
    const times = far.lines.map((l) => Number(l.split(' ')[0]));
    expect(times.at(-1)! >= 3_590_000).toBe(true);
  });

  it('writes, reads and removes files', () => {
    const r = run('touch /tmp/healthy; echo ok > /tmp/status; cat /tmp/status; sleep 30; rm -f /tmp/healthy; cat /tmp/healthy', { files: {} });
    expect(r.lines).toEqual(['2 ok', "30004 cat: can't open '/tmp/healthy': No such file or directory"]);
    expect(r.events.filter((e) => e.kind === 'file').map((e) => `${e.t} ${(e as { path: string }).path} ${(e as { content?: string }).content === undefined ? 'gone' : 'set'}`)).toEqual([
      '1 /tmp/healthy set',
      '1 /tmp/status set',
      '1 /tmp/status set',
      '30003 /tmp/healthy gone',
    ]);
  });

  it('reports syntax errors as the shell does', () => {
    const r = run('while true; do echo x', { flavour: 'dash' });
    expect(r.code).toBe(2);
    expect(r.lines[0]).toMatch(/^0 sh: 1: Syntax error: end of file unexpected \(expecting "done"\)$/);
  });
});
