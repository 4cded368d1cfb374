import { describe, expect, it } from 'vitest';
import { runInSandbox } from './exec.ts';
import type { Launch } from './prepare.ts';
import { PtySandbox } from './pty-sandbox.ts';

/** A launch that runs a plain shell script: the process handling without bwrap around it. */
function shLaunch(script: string): Launch & { released: number } {
  const launch = {
    file: '/bin/sh',
    args: ['-c', script],
    env: { PATH: '/usr/bin:/bin', TERM: 'xterm-256color' },
    released: 0,
    release: async () => {
      launch.released++;
    },
  };
  return launch;
}

describe('PtySandbox', () => {
  it('streams output, takes input on a terminal of the asked size, and reports the exit', async () => {
    const launch = shLaunch('stty size; read line; echo "got $line"; exit 7');
    const sandbox = new PtySandbox('t1', launch, { cols: 90, rows: 33 });
    let out = '';
    sandbox.onData((d) => (out += d));
    const exit = new Promise<{ code: number | null }>((resolve) => sandbox.onExit(resolve));
    sandbox.write('hello\r');
    expect((await exit).code).toBe(7);
    expect(out).toContain('33 90');
    expect(out).toContain('got hello');
    expect(launch.released).toBe(1);
    // Late listeners still hear about the exit.
    expect((await new Promise<{ code: number | null }>((resolve) => sandbox.onExit(resolve))).code).toBe(7);
  });

  it('kills what runs in it and cleans up', async () => {
    const launch = shLaunch('echo ready; exec sleep 100');
    const sandbox = new PtySandbox('t2', launch, { cols: 80, rows: 24 });
    await new Promise<void>((resolve) => sandbox.onData((d) => d.includes('ready') && resolve()));
    sandbox.pause();
    const started = performance.now();
    await sandbox.kill();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(launch.released).toBe(1);
    expect(() => process.kill(sandbox.pid, 0)).toThrow();
  });
});

describe('runInSandbox', () => {
  it('feeds input and collects both streams and the exit code', async () => {
    const r = await runInSandbox(shLaunch('tr a-z A-Z; echo oops >&2; exit 3'), { timeoutMs: 5000, maxOutputBytes: 1000, input: 'abc\n' });
    expect(r).toEqual({ code: 3, stdout: 'ABC\n', stderr: 'oops\n', timedOut: false });
  });

  it('kills a command that runs out of time and keeps what it printed', async () => {
    const launch = shLaunch('echo partial; exec sleep 100');
    const started = performance.now();
    const r = await runInSandbox(launch, { timeoutMs: 300, maxOutputBytes: 1000 });
    expect(performance.now() - started).toBeLessThan(2500);
    expect(r).toEqual({ code: 137, stdout: 'partial\n', stderr: '', timedOut: true });
    expect(launch.released).toBe(1);
  });

  it('bounds the output it keeps', async () => {
    const r = await runInSandbox(shLaunch('head -c 100000 /dev/zero | tr "\\0" y'), { timeoutMs: 5000, maxOutputBytes: 10 });
    expect(r.stdout).toBe('yyyyyyyyyy\n[podium: 99990 more bytes of output were dropped]\n');
  });
});
