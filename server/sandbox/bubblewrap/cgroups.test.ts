import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SandboxCgroups } from './cgroups.ts';
import { defaultLimits } from './limits.ts';

const limits = { ...defaultLimits(2), memoryBytes: 1000, pids: 7, cpuCores: 0.5, allSandboxesCpuCores: 1.5 };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'podium-cgroups-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A /proc/self whose cgroup v1 hierarchies are mounted at plain folders (enough to see what is written). */
function fakeProc(mountRoot: string): string {
  const proc = path.join(dir, 'proc');
  mkdirSync(proc);
  writeFileSync(path.join(proc, 'cgroup'), '3:pids:/\n2:memory:/server\n1:cpu:/\n0::/\n');
  writeFileSync(
    path.join(proc, 'mountinfo'),
    ['memory', 'pids', 'cpu'].map((c, i) => `${30 + i} 1 0:${30 + i} / ${mountRoot}/${c} rw - cgroup cgroup rw,${c}`).join('\n'),
  );
  return proc;
}

describe('SandboxCgroups', () => {
  it('limits all sandboxes together and each one, below the server’s own cgroups', async () => {
    const root = path.join(dir, 'cg');
    for (const c of ['memory/server', 'pids', 'cpu']) mkdirSync(path.join(root, c), { recursive: true });
    const cgroups = await SandboxCgroups.probe(limits, fakeProc(root));
    expect(cgroups.summary).toBe('cgroup v1 limits per sandbox: memory, pids, cpu');
    expect(readFileSync(path.join(root, 'cpu/podium-sandboxes/cpu.cfs_quota_us'), 'utf8')).toBe('150000');

    const set = await cgroups.create('alice/intro lab');
    const name = `${process.pid}-1-alice_intro_lab`;
    expect(set.procs).toEqual(['memory/server', 'pids', 'cpu'].map((c) => path.join(root, c, 'podium-sandboxes', name, 'cgroup.procs')));
    const read = (c: string, f: string) => readFileSync(path.join(root, c, 'podium-sandboxes', name, f), 'utf8');
    expect(read('memory/server', 'memory.limit_in_bytes')).toBe('1000');
    expect(read('pids', 'pids.max')).toBe('7');
    expect(read('cpu', 'cpu.cfs_quota_us')).toBe('50000');
  });

  it('says which limits do not hold when the hierarchy is not there or not writable', async () => {
    // A file where the hierarchy should be: nothing can be created below it, even by root.
    const notADir = path.join(dir, 'file');
    writeFileSync(notADir, '');
    const cgroups = await SandboxCgroups.probe(limits, fakeProc(notADir));
    expect(cgroups.controllers).toEqual([]);
    expect(cgroups.summary).toMatch(/^cgroup v1 limits per sandbox: none; not enforced: memory: ENOTDIR .*; pids: ENOTDIR .*; cpu: ENOTDIR .* \(rlimits still apply\)$/);
  });

  it('says so when /proc cannot be read', async () => {
    const cgroups = await SandboxCgroups.probe(limits, path.join(dir, 'no-proc'));
    expect(cgroups.controllers).toEqual([]);
    expect(cgroups.summary).toMatch(/^cgroups unreadable/);
  });
});
