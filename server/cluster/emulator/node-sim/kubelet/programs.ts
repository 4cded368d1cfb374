/**
 * Programs of container images with behaviour of their own: servers that print their start-up lines and run
 * until stopped (or refuse to start without configuration, or get OOM-killed under a small memory limit),
 * short-lived CLIs, `stress` and Perl's `bpi`.
 */
import { rngFor } from '../random.ts';
import { errorLines, startLines, type TimedLine } from './logs/styles.ts';
import { piDigits } from './pi.ts';
import { base, mainPrograms, type RunInput } from './process.ts';
import { FOREVER, type ProcEvent } from './shell/events.ts';

function* timed(lines: TimedLine[]): Generator<ProcEvent, void> {
  for (const l of lines) yield { t: l.t, kind: 'out', text: l.text };
}

export function styleVars(input: RunInput, extra: Record<string, string | number> = {}) {
  const first = 20 + (Number(input.seed.length) % 10);
  const workers = Array.from({ length: Math.max(1, input.vcpu) }, (_, i) => first + i);
  const logs = input.image.spec.logs ?? { style: '' };
  const app = logs.app ?? 'app';
  return {
    ...logs,
    version: input.image.version,
    hostname: input.podName,
    podIP: input.podIP,
    nodeIP: input.nodeIP,
    kernel: input.kernel,
    worker: workers,
    app,
    App: app.charAt(0).toUpperCase() + app.slice(1),
    ...extra,
  };
}

/** Programs of the image with behaviour of their own (servers, stress, perl, the CLI tools). */
export function imageProgram(input: RunInput, argv: string[]): Generator<ProcEvent, number> | undefined {
  const img = input.image;
  const name = base(argv[0] ?? '');
  const rng = rngFor(input.seed, 'program', name);
  const args = argv.slice(1);
  if (name === 'stress') return stress(input, args);
  if (name === 'perl' && args.some((a) => a.includes('bpi('))) return perlPi(args);
  if (!mainPrograms(img).has(name)) return undefined;
  const style = img.spec.logs?.style ?? '';
  const port = img.spec.ports?.[0]?.port ?? 0;
  const listen = args.map((a) => /^-listen=:?(\d+)$/.exec(a)?.[1]).find(Boolean);
  const vars = styleVars(input, { port: listen ? Number(listen) : port });
  switch (img.spec.run) {
    case 'server':
      return server(input, style, vars, rng);
    case 'exit':
      return exitProgram(input, name, args, style, vars, rng);
    case 'interpreter':
      return (function* () {
        return 0;
      })();
  }
}

function* server(input: RunInput, style: string, vars: Record<string, string | number | (string | number)[]>, rng: ReturnType<typeof rngFor>): Generator<ProcEvent, number> {
  const img = input.image;
  const required = img.spec.requires;
  if (required && !required.anyOf.some((k) => (input.env[k] ?? '') !== '')) {
    const lines = errorLines(required.error, vars as Record<string, string | number>, input.startedAt, rng);
    yield* timed(lines);
    return 1;
  }
  const lines = startLines(style, vars, input.image.flavour, input.startedAt, rng);
  const need = img.spec.memoryMi * 1024 * 1024;
  if (input.memoryLimit !== undefined && input.memoryLimit < need) {
    const killAt = Math.max(50, Math.round((lines.at(-1)?.t ?? 500) * (input.memoryLimit / need)));
    yield* timed(lines.filter((l) => l.t < killAt));
    yield { t: killAt, kind: 'oom' };
    return 137;
  }
  yield* timed(lines);
  // A server runs until it is stopped.
  yield { t: FOREVER, kind: 'out', text: '' };
  return 0;
}

function* exitProgram(input: RunInput, name: string, args: string[], style: string, vars: Record<string, string | number | (string | number)[]>, rng: ReturnType<typeof rngFor>): Generator<ProcEvent, number> {
  const img = input.image;
  if (name === 'aws' && args.length) {
    yield { t: rng.int(300, 700), kind: 'out', text: args.includes('--version') ? `aws-cli/${img.version} Python/3.12.9 Linux/${input.kernel} exe/x86_64.amzn.2023` : 'Unable to locate credentials. You can configure credentials by running "aws configure".' };
    return args.includes('--version') ? 0 : 253;
  }
  if (name === 'curl' && args.some((a) => !a.startsWith('-'))) return 0;
  if (name === 'curl') yield { t: rng.int(5, 15), kind: 'out', text: 'curl: no URL specified' };
  const lines = startLines(style, vars, img.flavour, input.startedAt, rng);
  yield* timed(lines);
  return img.spec.exitCode ?? 0;
}

function* stress(input: RunInput, args: string[]): Generator<ProcEvent, number> {
  const opt = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const count = (flag: string) => Number(opt(flag) ?? 0) || 0;
  const vm = count('--vm') || count('-m');
  const bytesText = opt('--vm-bytes') ?? '256M';
  const m = /^(\d+)([BKMG]?)$/i.exec(bytesText);
  const bytes = m ? Number(m[1]) * { '': 1, B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2]!.toUpperCase() as '' | 'B' | 'K' | 'M' | 'G'] : 256 * 1024 ** 2;
  yield { t: 2, kind: 'out', text: `stress: info: [1] dispatching hogs: ${count('--cpu') || count('-c')} cpu, ${count('--io') || count('-i')} io, ${vm} vm, ${count('--hdd') || count('-d')} hdd` };
  if (vm > 0 && input.memoryLimit !== undefined && vm * bytes + 2 * 1024 ** 2 > input.memoryLimit) {
    yield { t: 400 + (bytes % 300), kind: 'oom' };
    return 137;
  }
  const timeout = opt('--timeout') ?? opt('-t');
  if (timeout) {
    const s = parseInt(timeout, 10) || 0;
    yield { t: s * 1000 + 3, kind: 'out', text: `stress: info: [1] successful run completed in ${s}s` };
    return 0;
  }
  yield { t: FOREVER, kind: 'out', text: '' };
  return 0;
}

function* perlPi(args: string[]): Generator<ProcEvent, number> {
  const digits = Number(/bpi\((\d+)\)/.exec(args.join(' '))?.[1] ?? 2000);
  yield { t: 4000 + digits * 2, kind: 'out', text: piDigits(Math.min(digits, 20000)) };
  return 0;
}
