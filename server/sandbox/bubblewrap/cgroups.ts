/**
 * Per-sandbox cgroups (memory, pids, cpu) below the server's own cgroup, in a folder
 * `podium-sandboxes`. Where a controller is not writable the sandboxes run without it, and
 * {@link SandboxCgroups.summary} says so (the driver logs it once).
 */
import { mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cgroupLayout, CONTROLLERS, type Controller } from './cgroup-layout.ts';
import { parentLimitWrites, sandboxLimitWrites, type CgroupWrite } from './cgroup-limits.ts';
import type { SandboxLimits } from './limits.ts';

const FOLDER = 'podium-sandboxes';

/** The cgroups of one sandbox. */
export interface CgroupSet {
  /** `cgroup.procs` files the sandbox's first process joins. */
  readonly procs: string[];
  /** SIGKILLs every process still in the cgroups (a few rounds, in case some were forking). */
  killAll(): Promise<void>;
  /** Removes the folders once empty (bounded retries). */
  remove(): Promise<void>;
}

export class SandboxCgroups {
  private seq = 0;

  private constructor(
    private readonly version: 1 | 2,
    /** The `podium-sandboxes` folder of each usable controller (the same folder for all in v2). */
    private readonly parents: Partial<Record<Controller, string>>,
    private readonly limits: SandboxLimits,
    /** One line: which limits hold and which do not. */
    readonly summary: string,
  ) {}

  get controllers(): Controller[] {
    return CONTROLLERS.filter((c) => this.parents[c]);
  }

  /** Finds the server's cgroups and prepares `podium-sandboxes` in each writable one. */
  static async probe(limits: SandboxLimits, root = '/proc/self'): Promise<SandboxCgroups> {
    let layout;
    try {
      layout = cgroupLayout(await readFile(`${root}/cgroup`, 'utf8'), await readFile(`${root}/mountinfo`, 'utf8'));
    } catch (err) {
      return new SandboxCgroups(1, {}, limits, `cgroups unreadable (${(err as Error).message})`);
    }
    const v1 = Object.keys(layout.v1).length > 0;
    const parents: Partial<Record<Controller, string>> = {};
    const problems: string[] = [];
    if (v1) {
      for (const controller of CONTROLLERS) {
        const own = layout.v1[controller];
        if (!own) {
          problems.push(`${controller}: not mounted`);
          continue;
        }
        const dir = path.join(own, FOLDER);
        const error = await tryAll(async () => {
          await mkdirOnce(dir);
          await applyWrites(dir, parentLimitWrites(1, limits).filter((w) => w.controller === controller));
          await probeChild(dir, sandboxLimitWrites(1, limits).filter((w) => w.controller === controller));
        });
        if (error) problems.push(`${controller}: ${error}`);
        else parents[controller] = dir;
      }
    } else if (layout.v2) {
      const dir = path.join(layout.v2, FOLDER);
      const error = await tryAll(async () => {
        // v2 needs the controllers delegated to the server's own cgroup's children.
        await writeFile(path.join(layout.v2!, 'cgroup.subtree_control'), '+memory +pids +cpu');
        await mkdirOnce(dir);
        await writeFile(path.join(dir, 'cgroup.subtree_control'), '+memory +pids +cpu');
        await applyWrites(dir, parentLimitWrites(2, limits));
        await probeChild(dir, sandboxLimitWrites(2, limits));
      });
      if (error) problems.push(`cgroup v2 at ${layout.v2}: ${error} (run the server in a cgroup with delegated memory, pids and cpu controllers)`);
      else for (const c of CONTROLLERS) parents[c] = dir;
    } else {
      problems.push('no cgroup hierarchy mounted');
    }
    const version = v1 ? 1 : 2;
    const have = CONTROLLERS.filter((c) => parents[c]);
    const summary =
      problems.length === 0
        ? `cgroup v${version} limits per sandbox: memory, pids, cpu`
        : `cgroup v${version} limits per sandbox: ${have.join(', ') || 'none'}; not enforced: ${problems.join('; ')}` +
          ' (rlimits still apply)';
    const cgroups = new SandboxCgroups(version, parents, limits, summary);
    await cgroups.removeStale();
    return cgroups;
  }

  /** Creates and limits the cgroups of a new sandbox. */
  async create(label: string): Promise<CgroupSet> {
    const name = `${process.pid}-${++this.seq}-${label.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80)}`;
    const dirs = [...new Set(this.controllers.map((c) => path.join(this.parents[c]!, name)))];
    for (const dir of dirs) await mkdir(dir);
    const writes = sandboxLimitWrites(this.version, this.limits).filter((w) => this.parents[w.controller]);
    for (const w of writes) {
      const dir = path.join(this.parents[w.controller]!, name);
      await writeFile(path.join(dir, w.file), w.value).catch((err: unknown) => {
        if (!w.optional) throw err;
      });
    }
    return new Cgroups(dirs);
  }

  /** Removes the folders of sandboxes whose server process is gone (after a crash). */
  private async removeStale(): Promise<void> {
    for (const parent of new Set(Object.values(this.parents))) {
      const names = await readdir(parent, { withFileTypes: true }).catch(() => []);
      for (const entry of names) {
        const pid = Number(/^(\d+)-\d+-/.exec(entry.name)?.[1]);
        if (!entry.isDirectory() || !pid || pid === process.pid || isAlive(pid)) continue;
        await rmdir(path.join(parent, entry.name)).catch(() => undefined);
      }
    }
  }
}

class Cgroups implements CgroupSet {
  readonly procs: string[];

  constructor(private readonly dirs: string[]) {
    this.procs = dirs.map((d) => path.join(d, 'cgroup.procs'));
  }

  async killAll(): Promise<void> {
    for (let round = 0; round < 10; round++) {
      const pids = new Set<number>();
      for (const file of this.procs) {
        const text = await readFile(file, 'utf8').catch(() => '');
        for (const line of text.split('\n')) if (line) pids.add(Number(line));
      }
      if (pids.size === 0) return;
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await delay(10);
    }
  }

  async remove(): Promise<void> {
    for (const dir of this.dirs) {
      for (let attempt = 0; ; attempt++) {
        try {
          await rmdir(dir);
          break;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') break;
          if (attempt >= 40) throw new Error(`cgroup ${dir} still busy after 1 s: ${code}`);
          await delay(25);
        }
      }
    }
  }
}

async function applyWrites(dir: string, writes: CgroupWrite[]): Promise<void> {
  for (const w of writes) {
    await writeFile(path.join(dir, w.file), w.value).catch((err: unknown) => {
      if (!w.optional) throw err;
    });
  }
}

/** Creates, limits and removes a child, as every sandbox will: the folder existing proves nothing. */
async function probeChild(parent: string, writes: CgroupWrite[]): Promise<void> {
  const dir = path.join(parent, `probe-${process.pid}`);
  await mkdirOnce(dir);
  try {
    await applyWrites(dir, writes);
  } finally {
    await rmdir(dir).catch(() => undefined);
  }
}

/** mkdir that accepts an existing folder but never creates parents (a missing cgroup is an answer). */
async function mkdirOnce(dir: string): Promise<void> {
  await mkdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
}

async function tryAll(fn: () => Promise<void>): Promise<string | undefined> {
  try {
    await fn();
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return e.code ? `${e.code} ${e.path ?? ''}`.trim() : e.message;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
