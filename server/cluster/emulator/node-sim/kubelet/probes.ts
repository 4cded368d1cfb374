/**
 * Container probes as the kubelet's prober runs them: a tick every period from the container's start, ticks
 * before initialDelaySeconds skipped, thresholds of consecutive results. What a check sees comes from the
 * simulated process: the ports its image serves once it listens, and the files its script has written.
 */
import { createHash } from 'node:crypto';
import { list, rec, str, type Json } from '../json.ts';
import type { ResolvedImage } from './images/catalogue.ts';
import type { RunInput } from './process.ts';
import { runProcess } from './process.ts';
import { shellQuote } from './shell/format.ts';
import { Shell, type Flavour } from './shell/interpret.ts';

export type ProbeKind = 'Readiness' | 'Liveness' | 'Startup';

export type Handler =
  | { kind: 'http'; port: number; path: string; scheme: string; host?: string }
  | { kind: 'tcp'; port: number }
  | { kind: 'exec'; command: string[] }
  | { kind: 'grpc'; port: number };

export interface Probe {
  kind: ProbeKind;
  initialDelay: number;
  period: number;
  failureThreshold: number;
  successThreshold: number;
  handler: Handler;
}

function resolvePort(port: unknown, container: Json): number {
  if (typeof port === 'number') return port;
  const named = list(container.ports).find((p) => p.name === port);
  return Number(named?.containerPort ?? port) || 0;
}

function parseProbe(kind: ProbeKind, raw: unknown, container: Json): Probe | undefined {
  const p = rec(raw);
  if (Object.keys(p).length === 0) return undefined;
  let handler: Handler | undefined;
  if (p.httpGet) {
    const h = rec(p.httpGet);
    handler = { kind: 'http', port: resolvePort(h.port, container), path: str(h.path) || '/', scheme: (str(h.scheme) || 'HTTP').toLowerCase(), ...(h.host ? { host: str(h.host) } : {}) };
  } else if (p.tcpSocket) handler = { kind: 'tcp', port: resolvePort(rec(p.tcpSocket).port, container) };
  else if (p.exec) handler = { kind: 'exec', command: (Array.isArray(rec(p.exec).command) ? (rec(p.exec).command as unknown[]) : []).map(str) };
  else if (p.grpc) handler = { kind: 'grpc', port: Number(rec(p.grpc).port) || 0 };
  if (!handler) return undefined;
  return {
    kind,
    initialDelay: (Number(p.initialDelaySeconds) || 0) * 1000,
    period: (Number(p.periodSeconds) || 10) * 1000,
    failureThreshold: Number(p.failureThreshold) || 3,
    successThreshold: Number(p.successThreshold) || 1,
    handler,
  };
}

export function containerProbes(container: Json): { readiness?: Probe; liveness?: Probe; startup?: Probe } {
  const readiness = parseProbe('Readiness', container.readinessProbe, container);
  const liveness = parseProbe('Liveness', container.livenessProbe, container);
  const startup = parseProbe('Startup', container.startupProbe, container);
  return { ...(readiness ? { readiness } : {}), ...(liveness ? { liveness } : {}), ...(startup ? { startup } : {}) };
}

/**
 * When a run's probe ticks fall: the prober ticks every period from when it was started (with the pod,
 * before the container), so the first tick comes somewhere within the first period of the container.
 */
export function tickOffset(probe: Probe, run: Pick<RunInput, 'probeEpoch' | 'startedAt'>): number {
  const off = (((run.probeEpoch - run.startedAt) % probe.period) + probe.period) % probe.period;
  return off === 0 ? probe.period : off;
}

/** The first tick at or after `from` (ms since start) on which the probe runs (skipping the initial delay). */
export function nextTick(probe: Probe, from: number, offset: number): number {
  const earliest = Math.max(from, probe.initialDelay);
  return offset + Math.max(0, Math.ceil((earliest - offset) / probe.period)) * probe.period;
}

export interface CheckResult {
  ok: boolean;
  /** Why it failed, as the Unhealthy event prints it after `<Kind> probe failed: `. */
  message: string;
  /** The HTTP path requested (for the server's access log). */
  path?: string;
}

export interface CheckContext {
  run: RunInput;
  /** ms since start when the process listens on its ports; undefined when it never does. */
  listeningAt: number | undefined;
}

/** The ports an image serves, with the HTTP paths that answer 200. */
function servedPorts(image: ResolvedImage, run: RunInput): Map<number, string[] | 'tcp'> {
  const out = new Map<number, string[] | 'tcp'>();
  const listen = (Array.isArray(run.container.args) ? (run.container.args as unknown[]).map(str) : [])
    .map((a) => /^-listen=:?(\d+)$/.exec(a)?.[1])
    .find(Boolean);
  const portEnv = Number(run.env.PORT) || 0;
  for (const p of image.spec.ports ?? []) {
    const port = listen ? Number(listen) : portEnv && p.http && image.spec.ports!.length === 1 ? portEnv : p.port;
    out.set(port, p.http ?? 'tcp');
  }
  return out;
}

export function check(probe: Probe, at: number, ctx: CheckContext): CheckResult {
  const h = probe.handler;
  const ip = ctx.run.podIP;
  if (h.kind === 'exec') return execCheck(h.command, at, ctx);
  const up = ctx.listeningAt !== undefined && at >= ctx.listeningAt;
  const served = up ? servedPorts(ctx.run.image, ctx.run) : new Map<number, string[] | 'tcp'>();
  const port = served.get(h.port);
  if (h.kind === 'tcp') return port ? { ok: true, message: '' } : { ok: false, message: `dial tcp ${ip}:${h.port}: connect: connection refused` };
  if (h.kind === 'grpc') return port ? { ok: true, message: '' } : { ok: false, message: `timeout: failed to connect service "${ip}:${h.port}" within 1s` };
  const url = `${h.scheme}://${h.host ?? ip}:${h.port}${h.path}`;
  if (!port) return { ok: false, message: `Get "${url}": dial tcp ${h.host ?? ip}:${h.port}: connect: connection refused`, path: h.path };
  if (port === 'tcp') return { ok: false, message: `Get "${url}": EOF`, path: h.path };
  const path = h.path.split('?')[0]!;
  if (!port.includes(path) && !port.includes('*')) return { ok: false, message: 'HTTP probe failed with statuscode: 404', path: h.path };
  return { ok: true, message: '', path: h.path };
}

/** The container's files at `at`, replayed from what its process wrote. */
function filesAt(run: RunInput, at: number): Map<string, string> {
  const files = new Map(run.files);
  const proc = runProcess({ ...run, files: new Map(run.files) });
  proc.skipUntil = at;
  for (let i = 0; i < 100_000; i++) {
    const ev = proc.next();
    if (!ev || ev.t > at) break;
    if (ev.kind === 'file') {
      if (ev.content === undefined) files.delete(ev.path);
      else files.set(ev.path, ev.content);
    }
    if (ev.kind === 'exit' || ev.kind === 'oom') break;
  }
  return files;
}

function execCheck(command: string[], at: number, ctx: CheckContext): CheckResult {
  const image = ctx.run.image;
  if (command.length === 0) return { ok: false, message: '' };
  const name = command[0]!.split('/').pop()!;
  const isShell = ['sh', 'bash', 'ash'].includes(name);
  const known = isShell ? image.shell !== 'none' : ['cat', 'test', '[', 'ls', 'echo', 'true', 'false', 'grep'].includes(name);
  if (!known) {
    // A health-check binary of the image (grpc-health-probe, pg_isready…) answers once the process listens.
    const ok = image.spec.binaries.includes(name) ? ctx.listeningAt !== undefined && at >= ctx.listeningAt : false;
    if (ok) return { ok: true, message: '' };
    if (name === 'grpc-health-probe') {
      const addr = command.map((c) => /^-addr=(.*)$/.exec(c)?.[1]).find(Boolean) ?? ':50051';
      return { ok: false, message: `timeout: failed to connect service "${addr}" within 5s` };
    }
    if (name === 'pg_isready') return { ok: false, message: '/var/run/postgresql:5432 - no response' };
    if (!image.spec.binaries.includes(name)) {
      return {
        ok: false,
        message: `rpc error: code = Unknown desc = failed to exec in container: failed to start exec "${createHash('sha256').update(`${ctx.run.seed}|${command.join(' ')}`).digest('hex')}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown`,
      };
    }
    return { ok: false, message: '' };
  }
  const flavour: Flavour = image.shell === 'none' ? 'ash' : image.shell;
  const script = isShell && command[1] === '-c' ? (command[2] ?? '') : command.map(shellQuote).join(' ');
  const shell = new Shell({
    flavour,
    argv0: 'sh',
    env: ctx.run.env,
    files: filesAt(ctx.run, at),
    hostname: ctx.run.podName,
    kernel: ctx.run.kernel,
    startedAt: ctx.run.startedAt + at,
    hasBinary: (b) => image.spec.binaries.includes(b) || image.shell === 'ash',
    skipUntil: () => 0,
  });
  const it = shell.runScript(script);
  const out: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const r = it.next();
    if (r.done) return { ok: r.value === 0, message: out.join('\n') };
    if (r.value.kind === 'out') out.push(r.value.text);
    if (r.value.t > 1000) break;
  }
  return { ok: false, message: 'command timed out' };
}
