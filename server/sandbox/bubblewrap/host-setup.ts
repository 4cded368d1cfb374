/**
 * What the driver learns about the host once, at creation: where its tools are, what this bwrap
 * supports, how /bin and friends are laid out, and the folder of generated files every sandbox binds.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, chmod, lstat, mkdir, mkdtemp, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Bind, BwrapFeatures, SystemLink } from './bwrap-args.ts';
import { bashrc, etcFiles, HOST_ETC } from './generated-files.ts';
import { SANDBOX_PODIUM_ETC } from './layout.ts';
import type { HostTools } from './launcher.ts';

/** Finds each tool on PATH (socat and setsid must be under /usr: they also run inside sandboxes). */
export async function findTools(given: Partial<HostTools> = {}, envPath = process.env.PATH ?? ''): Promise<HostTools> {
  const dirs = [...envPath.split(':').filter(Boolean), '/usr/bin', '/bin', '/usr/sbin'];
  const find = async (name: keyof HostTools, file: string): Promise<string> => {
    if (given[name]) return given[name]!;
    for (const dir of dirs) {
      const candidate = path.join(dir, file);
      if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
    }
    throw new Error(`sandbox driver: "${file}" not found on PATH (install it: apt-get install -y bubblewrap socat util-linux)`);
  };
  const tools: HostTools = {
    sh: given.sh ?? '/bin/sh',
    prlimit: await find('prlimit', 'prlimit'),
    setpriv: await find('setpriv', 'setpriv'),
    bwrap: await find('bwrap', 'bwrap'),
    socat: given.socat ?? '/usr/bin/socat',
    setsid: given.setsid ?? '/usr/bin/setsid',
  };
  for (const inside of [tools.socat, tools.setsid]) {
    if (!(await access(inside, constants.X_OK).then(() => true, () => false))) throw new Error(`sandbox driver: ${inside} is missing (apt-get install -y socat)`);
  }
  return tools;
}

export async function probeBwrap(bwrap: string): Promise<{ version: string; features: BwrapFeatures }> {
  const run = (args: string[]) =>
    new Promise<string>((resolve) => {
      execFile(bwrap, args, { timeout: 5000 }, (_err, stdout, stderr) => resolve(`${stdout}${stderr}`));
    });
  const [help, version] = await Promise.all([run(['--help']), run(['--version'])]);
  return {
    version: version.trim(),
    features: { size: help.includes('--size'), perms: help.includes('--perms'), disableUserns: help.includes('--disable-userns') },
  };
}

/** `/usr` read-only, and the top-level links (or folders, on a host without merged /usr). */
export async function systemLayout(): Promise<{ system: Bind[]; links: SystemLink[] }> {
  const system: Bind[] = [{ source: '/usr', target: '/usr' }];
  const links: SystemLink[] = [];
  for (const top of ['/bin', '/sbin', '/lib', '/lib64', '/lib32', '/libx32']) {
    const st = await lstat(top).catch(() => undefined);
    if (!st) continue;
    if (st.isSymbolicLink()) links.push({ path: top, target: await readlink(top) });
    else if (st.isDirectory()) system.push({ source: top, target: top });
  }
  return { system, links };
}

export interface RuntimeFiles {
  dir: string;
  /** Binds under /etc: the generated files and the host's curated subset. */
  etc: Bind[];
  /** The shell's rc file, as the sandbox sees it. */
  bashrc: string;
  remove(): Promise<void>;
}

/**
 * Writes the generated files (root-owned, world-readable) into a fresh folder the sandboxes bind.
 * `kubectlCompletion` is the output of `kubectl completion bash`, sourced by the shell when given.
 */
export async function writeRuntimeFiles(opts: { parent?: string; hostEtc: string[]; kubectlCompletion?: string }): Promise<RuntimeFiles> {
  const parent = opts.parent ?? tmpdir();
  await mkdir(parent, { recursive: true });
  await removeStaleRuntimeDirs(parent);
  const dir = await mkdtemp(path.join(parent, `podium-sandbox-${process.pid}-`));
  await chmod(dir, 0o755);
  await mkdir(path.join(dir, 'etc'), { mode: 0o755 });
  await mkdir(path.join(dir, 'podium'), { mode: 0o755 });
  const etc: Bind[] = [];
  for (const file of etcFiles()) {
    const source = path.join(dir, 'etc', path.basename(file.target));
    await writeFile(source, file.content, { mode: 0o644 });
    etc.push({ source, target: file.target });
  }
  const completion = opts.kubectlCompletion ? `${SANDBOX_PODIUM_ETC}/kubectl-completion.bash` : undefined;
  if (opts.kubectlCompletion) await writeFile(path.join(dir, 'podium', 'kubectl-completion.bash'), opts.kubectlCompletion, { mode: 0o644 });
  await writeFile(path.join(dir, 'podium', 'bashrc'), bashrc(completion ? { completion } : {}), { mode: 0o644 });
  etc.push({ source: path.join(dir, 'podium'), target: SANDBOX_PODIUM_ETC });
  const generated = new Set(etc.map((b) => b.target));
  for (const host of opts.hostEtc) if (!generated.has(host)) etc.push({ source: host, target: host, optional: true });
  return { dir, etc, bashrc: `${SANDBOX_PODIUM_ETC}/bashrc`, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Removes the folders of drivers whose process is gone (a crashed server cannot remove its own). */
async function removeStaleRuntimeDirs(parent: string): Promise<void> {
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const pid = Number(/^podium-sandbox-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') await rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

/** `kubectl completion bash` of the host's kubectl, or undefined (completion is a nicety). */
export function kubectlCompletion(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('kubectl', ['completion', 'bash'], { timeout: 10_000, maxBuffer: 4 * 1024 * 1024, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir() } }, (err, stdout) =>
      resolve(err || !stdout.includes('__start_kubectl') ? undefined : stdout),
    );
  });
}

/** Names `HOST_ETC` for callers that extend the list. */
export { HOST_ETC };
