/**
 * The bubblewrap sandbox driver: each learner's shell and each check's command run under bwrap as
 * the learner's own host uid, in fresh namespaces, on a read-only system, with their home, a private
 * /tmp, and loopback networking whose only way out is a forwarder to their cluster's API socket.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { ExecResult, Sandbox, SandboxDriver, SandboxSpec } from '../driver.ts';
import type { Bind } from './bwrap-args.ts';
import { SandboxCgroups } from './cgroups.ts';
import { runInSandbox } from './exec.ts';
import { readHomeFile } from './home.ts';
import { findTools, HOST_ETC, kubectlCompletion, probeBwrap, systemLayout, writeRuntimeFiles, type RuntimeFiles } from './host-setup.ts';
import type { HostTools } from './launcher.ts';
import { SANDBOX_PATH } from './layout.ts';
import { defaultLimits, type SandboxLimits } from './limits.ts';
import { consoleLogger, type Logger } from './logger.ts';
import { prepareLaunch, type BaseSpec, type DriverContext } from './prepare.ts';
import { PtySandbox } from './pty-sandbox.ts';

export interface BubblewrapDriverOptions {
  /** Overrides of the default limits (768 MiB, 256 pids, 1 core per sandbox…). */
  limits?: Partial<SandboxLimits>;
  /**
   * More host paths shown read-only inside every sandbox, e.g. the AWS CLI:
   * `{ source: '/root/.pyenv', target: '/root/.pyenv' }`. The learner's uid must be able to traverse
   * to each source (bubblewrap binds it as that uid).
   */
  readOnlyBinds?: Bind[];
  /** Folders put in front of PATH inside (e.g. `/root/.pyenv/shims`). */
  extraPath?: string[];
  /** The host's /etc entries shown read-only (default: certificates, alternatives, ld.so.cache…). */
  hostEtc?: string[];
  /** Environment of every sandbox; each spec's env comes on top. */
  env?: Record<string, string>;
  /** Where the generated files go (a fresh folder below it; default the OS temp folder). */
  runtimeParent?: string;
  tools?: Partial<HostTools>;
  /** Smallest learner uid accepted (default 1000). */
  minUid?: number;
  /** Default and largest timeout of `exec` (default 30 s and 10 min). */
  execTimeoutMs?: number;
  maxExecTimeoutMs?: number;
  /** Output kept per stream of `exec` (default 1 MiB). */
  maxExecOutputBytes?: number;
  /** Largest file `readHomeFile` returns (default 1 MiB). */
  maxHomeFileBytes?: number;
  /** Source `kubectl completion bash` in the shell (default true). */
  kubectlCompletion?: boolean;
  log?: Logger;
}

export class BubblewrapDriver implements SandboxDriver {
  readonly name = 'bubblewrap';
  private readonly live = new Set<PtySandbox>();
  private seq = 0;

  constructor(
    private readonly ctx: DriverContext,
    private readonly runtime: RuntimeFiles,
    private readonly opts: { execTimeoutMs: number; maxExecTimeoutMs: number; maxExecOutputBytes: number; maxHomeFileBytes: number },
    /** One line: how isolated sandboxes are on this host. */
    readonly summary: string,
  ) {}

  /** The limits every sandbox gets. */
  get limits(): SandboxLimits {
    return this.ctx.limits;
  }

  async start(spec: SandboxSpec): Promise<Sandbox> {
    const launch = await prepareLaunch(this.ctx, spec, { kind: 'shell' });
    let sandbox: PtySandbox;
    try {
      sandbox = new PtySandbox(this.newId(spec), launch, { cols: spec.cols, rows: spec.rows });
    } catch (err) {
      await launch.release();
      throw err;
    }
    this.live.add(sandbox);
    sandbox.onExit(() => this.live.delete(sandbox));
    return sandbox;
  }

  async exec(spec: BaseSpec, command: string, opts: { timeoutMs?: number; input?: string } = {}): Promise<ExecResult> {
    const launch = await prepareLaunch(this.ctx, spec, { kind: 'command', command });
    const timeoutMs = Math.min(opts.timeoutMs ?? this.opts.execTimeoutMs, this.opts.maxExecTimeoutMs);
    return runInSandbox(launch, { timeoutMs, maxOutputBytes: this.opts.maxExecOutputBytes, ...(opts.input !== undefined ? { input: opts.input } : {}) });
  }

  readHomeFile(home: string, relativePath: string): Promise<string | undefined> {
    return readHomeFile(home, relativePath, { maxBytes: this.opts.maxHomeFileBytes });
  }

  /** Kills every running shell and removes the generated files. */
  async close(): Promise<void> {
    await Promise.all([...this.live].map((s) => s.kill()));
    await this.runtime.remove();
  }

  private newId(spec: SandboxSpec): string {
    return `${spec.learnerId}/${spec.lab}/${++this.seq}-${randomBytes(3).toString('hex')}`;
  }
}

/**
 * Checks the host (bwrap, socat, setpriv, prlimit, cgroups), writes the generated files, logs one
 * line saying how isolated sandboxes will be, and returns the driver.
 */
export async function createBubblewrapDriver(options: BubblewrapDriverOptions = {}): Promise<BubblewrapDriver> {
  const log = options.log ?? consoleLogger;
  const limits = { ...defaultLimits(availableParallelism()), ...options.limits };
  const tools = await findTools(options.tools);
  const [bwrap, layout, cgroups, completion] = await Promise.all([
    probeBwrap(tools.bwrap),
    systemLayout(),
    SandboxCgroups.probe(limits),
    options.kubectlCompletion === false ? undefined : kubectlCompletion(),
  ]);
  const runtime = await writeRuntimeFiles({
    hostEtc: options.hostEtc ?? HOST_ETC,
    ...(options.runtimeParent ? { parent: options.runtimeParent } : {}),
    ...(completion ? { kubectlCompletion: completion } : {}),
  });
  const asRoot = process.getuid?.() === 0;
  const env = { ...options.env };
  if (options.extraPath?.length) env.PATH = [...options.extraPath, options.env?.PATH ?? SANDBOX_PATH].join(':');
  const ctx: DriverContext = {
    tools,
    features: bwrap.features,
    ...layout,
    etc: runtime.etc,
    extra: options.readOnlyBinds ?? [],
    bashrc: runtime.bashrc,
    limits,
    cgroups,
    asRoot,
    minUid: options.minUid ?? 1000,
    env,
    log,
    warned: new Set(),
    reachable: new Set(),
  };
  const missing = Object.entries(bwrap.features).filter(([, has]) => !has).map(([f]) => f);
  const summary = [
    `sandboxes: ${bwrap.version || 'bwrap'}`,
    asRoot ? 'each learner as their own uid' : `server is not root: learners run as uid ${process.getuid?.()} (isolation reduced: no per-learner uid or process limit)`,
    cgroups.summary,
    ...(missing.length ? [`this bwrap lacks ${missing.join(', ')}`] : []),
  ].join('; ');
  const complete = asRoot && cgroups.controllers.length === 3 && missing.length === 0;
  if (complete) log.info(summary);
  else log.warn(summary);
  return new BubblewrapDriver(
    ctx,
    runtime,
    {
      execTimeoutMs: options.execTimeoutMs ?? 30_000,
      maxExecTimeoutMs: options.maxExecTimeoutMs ?? 600_000,
      maxExecOutputBytes: options.maxExecOutputBytes ?? 1024 * 1024,
      maxHomeFileBytes: options.maxHomeFileBytes ?? 1024 * 1024,
    },
    summary,
  );
}
