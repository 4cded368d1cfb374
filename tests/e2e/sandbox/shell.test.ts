/**
 * The learner's shell as they meet it: how fast the prompt comes, what it looks like, job control,
 * history, environment; and the same sandbox for one-off commands. Times are reported, and only
 * bounded loosely (the benchmark, not the tests, holds the targets).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../server/sandbox/driver.ts';
import { PROMPT_MARKER } from '../../../server/sandbox/prompt-marker.ts';
import { sandboxWorld, skipReason, waitForNoProcesses, type LearnerSpec, type SandboxWorld } from './harness.ts';

const UID = 20_401;

/** Collects a shell's output and waits for patterns in it. */
function watch(shell: Sandbox) {
  let out = '';
  shell.onData((d) => (out += d));
  return {
    get text() {
      return out;
    },
    async until(test: (text: string) => boolean, ms = 10_000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!test(out)) {
        if (Date.now() > deadline) throw new Error(`timed out; output so far: ${JSON.stringify(out.slice(-400))}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    prompts: () => out.split(PROMPT_MARKER).length - 1,
  };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(1);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${s.at(-1)!.toFixed(1)} ms (n=${s.length})`;
};

describe.skipIf(skipReason)('the learner shell', () => {
  let world: SandboxWorld;
  let learner: LearnerSpec;

  beforeAll(async () => {
    world = await sandboxWorld();
    learner = { ...world.learner('ivan', UID), lab: 'k8s-basics', env: { KUBECONFIG: '/home/learner/.kube/config', LAB_GREETING: 'hello' } };
  });

  afterAll(() => world?.destroy());

  it('shows a prompt quickly (start-up times reported)', async () => {
    const toPrompt: number[] = [];
    const toKill: number[] = [];
    for (let i = 0; i < 15; i++) {
      const started = performance.now();
      const shell = await world.driver.start({ ...learner, cols: 80, rows: 24 });
      const w = watch(shell);
      await w.until((t) => t.includes('learner@k8s-basics:~$ '));
      toPrompt.push(performance.now() - started);
      const killing = performance.now();
      await shell.kill();
      toKill.push(performance.now() - killing);
    }
    const execs: number[] = [];
    for (let i = 0; i < 15; i++) {
      const started = performance.now();
      expect((await world.driver.exec(learner, 'true')).code).toBe(0);
      execs.push(performance.now() - started);
    }
    console.log(`shell start to prompt: ${stats(toPrompt)}\nshell kill: ${stats(toKill)}\nexec of \`true\`: ${stats(execs)}`);
    expect(Math.min(...toPrompt)).toBeLessThan(1000);
    expect(await waitForNoProcesses(UID)).toEqual([]);
  });

  it('is bash with job control, the learner prompt, the environment and history kept in the home', async () => {
    const shell = await world.driver.start({ ...learner, cols: 120, rows: 40 });
    const w = watch(shell);
    await w.until((t) => t.includes('$ '));
    expect(w.text).not.toMatch(/no job control|cannot set terminal process group/);
    shell.write('sleep 30 &\r');
    await w.until((t) => /\[1\] \d+/.test(t));
    shell.write('jobs; echo "$USER $HOME $TERM $LANG $KUBECONFIG $LAB_GREETING"; stty size; kill %1\r');
    await w.until((t) => t.includes('40 120'));
    expect(w.text).toMatch(/\[1\]\+\s+Running\s+sleep 30 &/);
    expect(w.text).toContain('learner /home/learner xterm-256color C.UTF-8 /home/learner/.kube/config hello');
    shell.resize(100, 30);
    shell.write('stty size\r');
    await w.until((t) => t.includes('30 100'));
    shell.write('echo marker-$((6*7))\r');
    await w.until((t) => t.includes('marker-42'));
    await w.until(() => w.prompts() >= 5);
    expect(readFileSync(path.join(learner.home, '.bash_history'), 'utf8')).toContain('echo marker-$((6*7))');
    await shell.kill();
  });

  it("reads the learner's own ~/.bashrc but keeps the prompt marker", async () => {
    await world.driver.exec(learner, `printf 'alias hi="echo hi-from-bashrc"\\nPROMPT_COMMAND="echo mine"\\n' > ~/.bashrc`);
    const shell = await world.driver.start({ ...learner, cols: 80, rows: 24 });
    const w = watch(shell);
    shell.write('hi\r');
    await w.until((t) => t.includes('hi-from-bashrc') && /mine\r?\n/.test(t.slice(t.indexOf('hi-from-bashrc'))));
    await w.until(() => w.prompts() >= 2);
    await shell.kill();
    await world.driver.exec(learner, 'rm ~/.bashrc');
  });

  it('reports the exit of the shell and cleans up', async () => {
    const shell = await world.driver.start({ ...learner, cols: 80, rows: 24 });
    const exited = new Promise<{ code: number | null }>((resolve) => shell.onExit(resolve));
    shell.write('exit 3\r');
    expect((await exited).code).toBe(3);
    expect(await waitForNoProcesses(UID)).toEqual([]);
  });

  it('runs one-off commands with input, a timeout and bounded output', async () => {
    const r = await world.driver.exec(learner, 'tr a-z A-Z; echo err >&2; exit 4', { input: 'shout\n' });
    expect(r).toEqual({ code: 4, stdout: 'SHOUT\n', stderr: 'err\n', timedOut: false });
    const slow = await world.driver.exec(learner, 'echo started; sleep 30', { timeoutMs: 500 });
    expect(slow).toMatchObject({ timedOut: true, stdout: 'started\n' });
    const loud = await world.driver.exec(learner, 'head -c 5M /dev/zero | tr "\\0" x');
    expect(loud.stdout.length).toBeLessThan(1024 * 1024 + 100);
    expect(loud.stdout).toMatch(/\[podium: 4194304 more bytes of output were dropped\]\n$/);
    expect(await waitForNoProcesses(UID)).toEqual([]);
  });

  it('refuses a uid of 0 or below the minimum', async () => {
    await expect(world.driver.exec({ ...learner, uid: 0 }, 'id')).rejects.toThrow(/never 0/);
    await expect(world.driver.exec({ ...learner, uid: 100 }, 'id')).rejects.toThrow(/at least 1000/);
  });
});

describe.skipIf(skipReason)('extra read-only binds (how the AWS CLI gets in)', () => {
  let tools: string;
  let world: SandboxWorld;

  beforeAll(async () => {
    tools = mkdtempSync(path.join(tmpdir(), 'podium-tools-'));
    chmodSync(tools, 0o755);
    mkdirSync(path.join(tools, 'bin'));
    writeFileSync(path.join(tools, 'bin', 'hello-tool'), '#!/bin/sh\necho "tool says hi"\n', { mode: 0o755 });
    mkdirSync(path.join(tools, 'locked', 'inner'), { recursive: true, mode: 0o700 });
    world = await sandboxWorld({ readOnlyBinds: [{ source: tools, target: '/opt/tools' }], extraPath: ['/opt/tools/bin'] });
  });

  afterAll(async () => {
    await world?.destroy();
    rmSync(tools, { recursive: true, force: true });
  });

  it('shows the bound folder read-only and puts it on PATH', async () => {
    const r = await world.driver.exec(world.learner('kate', 20_402), 'hello-tool; echo x > /opt/tools/bin/evil');
    expect(r.stdout).toBe('tool says hi\n');
    expect(r.stderr).toMatch(/Read-only file system/);
  });

  it('explains a bind the learner uid cannot reach instead of failing in bwrap', async () => {
    const locked = await sandboxWorld({ readOnlyBinds: [{ source: path.join(tools, 'locked', 'inner'), target: '/opt/locked' }] });
    try {
      await expect(locked.driver.exec(locked.learner('leo', 20_403), 'true')).rejects.toThrow(`chmod o+x ${path.join(tools, 'locked')}`);
    } finally {
      await locked.destroy();
    }
  });
});
