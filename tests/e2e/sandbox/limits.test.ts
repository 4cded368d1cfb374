/**
 * A learner must not exhaust the machine: fork bombs, memory hogs, huge files and busy loops stay
 * inside their sandbox, and the server (this test process) stays responsive meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../server/sandbox/driver.ts';
import { PROMPT_MARKER } from '../../../server/sandbox/prompt-marker.ts';
import { sandboxWorld, skipReason, waitForNoProcesses, worstEventLoopLag, type LearnerSpec, type SandboxWorld } from './harness.ts';

const UID = 20_201;
const MiB = 1024 * 1024;

describe.skipIf(skipReason)('sandbox limits', () => {
  let world: SandboxWorld;
  let learner: LearnerSpec;

  beforeAll(async () => {
    world = await sandboxWorld();
    learner = world.learner('carol', UID);
  });

  afterAll(() => world?.destroy());

  it('contains a fork bomb, and the server keeps answering', async () => {
    const { result, lagMs } = await worstEventLoopLag(async () => {
      const bomb = world.driver.exec(learner, ':(){ :|:& };: ; sleep 5', { timeoutMs: 4000 });
      // Meanwhile the host still starts processes at once.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const started = performance.now();
      expect(spawnSync('/bin/true').status).toBe(0);
      const spawnMs = performance.now() - started;
      return { r: await bomb, spawnMs };
    });
    console.log(`fork bomb: event loop lag ≤ ${lagMs} ms, host spawn ${result.spawnMs.toFixed(1)} ms, stderr ${result.r.stderr.length} bytes`);
    // Still running when the time was up (bash keeps retrying its own forks), or failed: never a success.
    expect(result.r.timedOut || result.r.code !== 0).toBe(true);
    expect(result.r.stderr).toMatch(/fork: (retry: )?Resource temporarily unavailable/);
    expect(result.spawnMs).toBeLessThan(500);
    expect(lagMs).toBeLessThan(1000);
    expect(await waitForNoProcesses(UID)).toEqual([]);
  });

  it('kills a memory hog inside the sandbox only', async () => {
    for (const hog of ["python3 -c 'a = b\"x\" * (4 * 1024**3)'", 'head -c 3G /dev/zero | tail']) {
      const r = await world.driver.exec(learner, `${hog}; echo "exit=$?"`, { timeoutMs: 60_000 });
      expect(r.stdout, hog).toBe('exit=137\n');
      expect(r.stderr, hog).toMatch(/Killed/);
    }
    expect(await waitForNoProcesses(UID)).toEqual([]);
  });

  it('stops a huge file at the file size limit, and /tmp at its size', async () => {
    const r = await world.driver.exec(learner, 'head -c 1G /dev/zero > ~/huge; echo "exit=$?"; stat -c %s ~/huge; rm ~/huge; head -c 1G /dev/zero > /tmp/huge; echo "exit=$?"; stat -c %s /tmp/huge');
    const limits = world.driver.limits;
    // 153 = 128 + SIGXFSZ.
    expect(r.stdout).toBe(`exit=153\n${limits.fileSizeBytes}\nexit=1\n${limits.tmpBytes}\n`);
    expect(r.stderr).toMatch(/File size limit exceeded/);
    expect(r.stderr).toMatch(/No space left on device/);
  });

  it('puts each shell in cgroups with memory, pids and CPU limits, and removes them afterwards', async () => {
    if (!world.logs.some((l) => l.includes('cgroup v1 limits per sandbox: memory, pids, cpu'))) {
      console.warn(`cgroups not writable here: ${world.logs.join(' | ')}`);
      return;
    }
    const shell: Sandbox = await world.driver.start({ ...learner, cols: 80, rows: 24 });
    // Once the prompt shows, the launcher has long joined the cgroups.
    await new Promise<void>((resolve) => {
      const sub = shell.onData((d) => d.includes(PROMPT_MARKER) && (sub.dispose(), resolve()));
    });
    const pid = (shell as unknown as { pid: number }).pid;
    const groups = Object.fromEntries(
      readFileSync(`/proc/${pid}/cgroup`, 'utf8')
        .split('\n')
        .map((l) => l.split(':'))
        .filter((p) => p.length === 3)
        .map(([, controllers, path]) => [controllers!, path!]),
    );
    const read = (controller: string, file: string) => readFileSync(`/sys/fs/cgroup/${controller}${groups[controller]}/${file}`, 'utf8').trim();
    const limits = world.driver.limits;
    expect(groups.memory).toMatch(/podium-sandboxes\/\d+-\d+-carol-escape-lab$/);
    expect(Number(read('memory', 'memory.limit_in_bytes'))).toBe(Math.floor(limits.memoryBytes / 4096) * 4096);
    expect(read('pids', 'pids.max')).toBe(String(limits.pids));
    expect(read('cpu', 'cpu.cfs_quota_us')).toBe(String(limits.cpuCores * 100_000));
    const dirs = ['memory', 'pids', 'cpu'].map((c) => `/sys/fs/cgroup/${c}${groups[c]}`);
    await shell.kill();
    expect(await waitForNoProcesses(UID)).toEqual([]);
    for (const dir of dirs) expect(spawnSync('test', ['-d', dir]).status, dir).toBe(1);
  });

  it('holds a busy loop to its CPU quota', async () => {
    // Two busy loops for a second: with a quota of one core they get about one second of CPU together.
    const r = await world.driver.exec(learner, 'for i in 1 2; do timeout 1 sh -c "while :; do :; done" & done; wait; cat /proc/self/stat > /dev/null; times');
    const children = r.stdout.trim().split('\n').at(-1)!.split(/\s+/);
    const userSeconds = parseTimes(children[0]!) + parseTimes(children[1]!);
    console.log(`two busy loops for 1 s used ${userSeconds.toFixed(2)} s of CPU`);
    expect(userSeconds).toBeLessThan(1.5);
  });

  it('keeps each memory limit to the sandbox: two learners each under it at once', async () => {
    const other = world.learner('dave', UID + 1);
    const grab = (spec: LearnerSpec) => world.driver.exec(spec, `python3 -c 'a = b"x" * (${300 * MiB}); print("ok")'`, { timeoutMs: 30_000 });
    const [x, y] = await Promise.all([grab(learner), grab(other)]);
    expect([x.stdout, y.stdout]).toEqual(['ok\n', 'ok\n']);
  });
});

/** `times` prints `0m1.234s`. */
function parseTimes(field: string): number {
  const m = /^(\d+)m([\d.]+)s$/.exec(field);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}
