/**
 * What a container does once started: the image's entrypoint and command, or the pod's, resolved to a
 * simulated process (a shell script, a known server, a short-lived tool) with its output, exit and OOM kill.
 */
import { str, type Json } from '../json.ts';
import { rngFor } from '../random.ts';
import type { ResolvedImage } from './images/catalogue.ts';
import { startLines } from './logs/styles.ts';
import { imageProgram, styleVars } from './programs.ts';
import { FOREVER, GeneratorProc, type Proc, type ProcEvent } from './shell/events.ts';
import { shellQuote } from './shell/format.ts';
import { Shell, type Flavour } from './shell/interpret.ts';

export interface RunInput {
  container: Json;
  image: ResolvedImage;
  env: Record<string, string>;
  files: Map<string, string>;
  podName: string;
  podIP: string;
  nodeIP: string;
  vcpu: number;
  kernel: string;
  /** Epoch ms of this run's start. */
  startedAt: number;
  /** Epoch ms the pod's prober started ticking (the pod's start, whole seconds). */
  probeEpoch: number;
  /** Memory limit in bytes, if any. */
  memoryLimit?: number;
  /** Seeds this run's randomness (pod, container, attempt). */
  seed: string;
  /** Runs a network program (wget, curl, nslookup) of this container against the cluster's network. */
  network?: (argv: string[]) => { stdout: string; stderr: string; code: number; ms: number } | undefined;
}

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);
const ENTRYPOINT_SCRIPTS = new Set(['docker-entrypoint.sh', 'entrypoint.sh']);
const BUSYBOX_APPLETS = ['echo', 'sleep', 'true', 'false', 'printf', 'test', '['];

/** The argv the runtime executes: the pod's command, else the image entrypoint, with args or the image cmd. */
export function effectiveArgv(container: Json, image: ResolvedImage): string[] {
  const command = Array.isArray(container.command) ? (container.command as unknown[]).map(str) : undefined;
  const args = Array.isArray(container.args) ? (container.args as unknown[]).map(str) : undefined;
  if (command && command.length) return [...command, ...(args ?? [])];
  return [...(image.spec.entrypoint ?? []), ...(args ?? image.spec.cmd ?? [])];
}

export const base = (p: string) => p.split('/').pop() ?? p;

function hasShell(image: ResolvedImage, name: string): boolean {
  if (image.shell === 'none') return false;
  if (name === 'bash') return image.shell === 'bash' || image.spec.binaries.includes('bash');
  return true;
}

/** The image's own programs: entrypoint and cmd binaries. */
export function mainPrograms(image: ResolvedImage): Set<string> {
  return new Set([...(image.spec.entrypoint ?? []), ...(image.spec.cmd ?? []).slice(0, 1)].map(base).filter((b) => !ENTRYPOINT_SCRIPTS.has(b) && !b.endsWith('.sh')));
}

function exists(image: ResolvedImage, name: string): boolean {
  const b = base(name);
  if (SHELLS.has(b)) return hasShell(image, b);
  if (ENTRYPOINT_SCRIPTS.has(b) || b === 'docker-entrypoint.sh') return (image.spec.entrypoint ?? []).some((e) => base(e) === b);
  if (mainPrograms(image).has(b)) return true;
  if (image.spec.binaries.includes(b)) return true;
  return image.shell === 'ash' && BUSYBOX_APPLETS.includes(b);
}

/** containerd's message when the process cannot be started; undefined when it can. */
export function startError(input: RunInput): string | undefined {
  const argv = effectiveArgv(input.container, input.image);
  if (argv.length === 0) return runcError('exec: "": executable file not found in $PATH');
  const name = argv[0]!;
  if (exists(input.image, name)) return undefined;
  const why = name.includes('/') ? `exec: "${name}": stat ${name}: no such file or directory` : `exec: "${name}": executable file not found in $PATH`;
  return runcError(why);
}

const runcError = (why: string) =>
  `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${why}: unknown`;

function shellFlavour(image: ResolvedImage, name: string): Flavour {
  if (base(name) === 'bash') return 'bash';
  return image.shell === 'none' ? 'ash' : image.shell;
}

/** The process a container runs, as a lazy stream of events. */
export function runProcess(input: RunInput): Proc {
  return new GeneratorProc((proc) => run(input, proc));
}

function* run(input: RunInput, proc: { skipUntil: number }): Generator<ProcEvent, void> {
  let argv = effectiveArgv(input.container, input.image);
  // Entrypoint scripts end with `exec "$@"`.
  while (argv.length > 1 && ENTRYPOINT_SCRIPTS.has(base(argv[0]!))) argv = argv.slice(1);
  if (argv.length === 1 && ENTRYPOINT_SCRIPTS.has(base(argv[0]!))) argv = [];
  const name = base(argv[0] ?? '');
  const shells: Shell[] = [];
  const network = input.network && remembered(input.network);
  const shell = (script: string, args: string[], argv0: string) => {
    const sh = new Shell({
      flavour: shellFlavour(input.image, argv0),
      argv0: base(argv0),
      env: input.env,
      files: input.files,
      hostname: input.podName,
      kernel: input.kernel,
      startedAt: input.startedAt,
      hasBinary: (b) => exists(input.image, b),
      program: (a) => imageProgram(input, a),
      ...(network ? { network } : {}),
      skipUntil: () => proc.skipUntil,
    });
    shells.push(sh);
    return sh.runScript(script, args);
  };
  let code: number;
  let end = 0;
  const track = function* (it: Generator<ProcEvent, number>): Generator<ProcEvent, number> {
    for (;;) {
      const r = it.next();
      if (r.done) return r.value;
      if (r.value.t >= FOREVER) return -1;
      end = Math.max(end, r.value.t);
      if (r.value.kind === 'oom') {
        yield r.value;
        return -2;
      }
      yield r.value;
    }
  };
  if (argv.length === 0) code = 0;
  else if (SHELLS.has(name)) {
    const args = argv.slice(1);
    if (args[0] === '-c' || args[0] === '-ec' || args[0] === '-xc') code = yield* track(shell(args[1] ?? '', args.slice(2), argv[0]!));
    else if (args[0] && !args[0].startsWith('-')) {
      const script = input.files.get(args[0].startsWith('/') ? args[0] : `/${args[0]}`);
      if (script === undefined) {
        yield { t: 1, kind: 'out', text: `${name}: can't open '${args[0]}': No such file or directory` };
        code = 2;
      } else code = yield* track(shell(script, args.slice(1), argv[0]!));
    } else if (input.container.stdin === true) {
      // An interactive shell with stdin open (`kubectl run -it … -- sh`) waits for input until it is attached to.
      yield { t: FOREVER, kind: 'out', text: '' };
      return;
    } else code = 0; // An interactive shell with no stdin reads end-of-file and exits.
  } else {
    const program = imageProgram(input, argv);
    code = program ? yield* track(program) : yield* track(shell(argv.map(shellQuote).join(' '), [], 'sh'));
  }
  if (code === -1 || code === -2) return;
  // A shell ends when its last command does (a trailing `sleep` prints nothing but takes time).
  for (const sh of shells) end = Math.max(end, sh.t);
  yield { t: end + 1, kind: 'exit', code };
}

/**
 * A network program's answer, remembered for the rest of one computation of a process: every call is answered
 * from the cluster's present state, so the same command line gets the same answer (a loop of `wget` costs one).
 */
function remembered(network: NonNullable<RunInput['network']>): NonNullable<RunInput['network']> {
  const answers = new Map<string, ReturnType<typeof network>>();
  return (argv) => {
    const key = argv.join('\0');
    if (!answers.has(key)) answers.set(key, network(argv));
    return answers.get(key);
  };
}

/** Whether and when the process ends, found by running it ahead (periodic loops are fast-forwarded). */
export interface Outcome {
  /** ms after start; undefined: runs until stopped */
  endsAt?: number;
  exitCode?: number;
  oom?: boolean;
}

export function outcome(input: RunInput): Outcome {
  const proc = runProcess(input);
  proc.skipUntil = Number.MAX_SAFE_INTEGER;
  for (let i = 0; i < 20_000; i++) {
    const ev = proc.next();
    if (!ev) return {};
    if (ev.t > 5 * 365 * 86_400_000) return {};
    if (ev.kind === 'exit') return { endsAt: ev.t, exitCode: ev.code };
    if (ev.kind === 'oom') return { endsAt: ev.t, exitCode: 137, oom: true };
  }
  return {};
}

/**
 * When the process starts listening on its image's ports (ms after start): a server image running its own
 * program once its start-up lines are out, or a script that starts it; undefined for everything else.
 */
export function listeningAt(input: RunInput): number | undefined {
  const img = input.image;
  if (img.spec.run !== 'server') return undefined;
  let argv = effectiveArgv(input.container, img);
  while (argv.length > 1 && ENTRYPOINT_SCRIPTS.has(base(argv[0]!))) argv = argv.slice(1);
  const programs = mainPrograms(img);
  const name = base(argv[0] ?? '');
  if (programs.has(name)) {
    const o = outcome(input);
    if (o.endsAt !== undefined) return undefined;
    const lines = startLines(img.spec.logs?.style ?? '', styleVars(input), img.flavour, input.startedAt, rngFor(input.seed, 'program', name));
    return (lines.at(-1)?.t ?? 0) + 1;
  }
  if (SHELLS.has(name) && argv.slice(1).some((a) => [...programs].some((p) => a.includes(p)))) return 1000;
  return undefined;
}
