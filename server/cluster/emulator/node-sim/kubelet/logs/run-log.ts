/**
 * The log of one container run, produced on demand: the process's output and the access-log lines the
 * kubelet's HTTP probes cause, merged in time. Nothing is stored; reads are bounded like the kubelet's
 * rotated log file (10 MiB).
 */
import { hash53, Rng } from '../../random.ts';
import type { RunInput } from '../process.ts';
import { listeningAt, runProcess } from '../process.ts';
import { check, containerProbes, nextTick, tickOffset, type Probe } from '../probes.ts';
import { accessTemplate, render } from './styles.ts';

export interface LogLine {
  /** Epoch ms. */
  at: number;
  /** Nanoseconds within the millisecond, for RFC3339Nano timestamps. */
  nanos: number;
  text: string;
}

export const MAX_LOG_BYTES = 10 * 1024 * 1024;
const MAX_LINES_SCANNED = 500_000;

export class RunLog {
  private readonly access: { probe: Probe; template: string }[] = [];
  private readonly listening: number | undefined;

  constructor(
    private readonly input: RunInput,
    /** When the run ended (epoch ms); lines after it do not exist. */
    private readonly finishedAt?: number,
  ) {
    this.listening = listeningAt(input);
    const template = accessTemplate(input.image.spec.logs?.style ?? '');
    if (template && this.listening !== undefined) {
      const probes = containerProbes(input.container);
      for (const p of [probes.startup, probes.readiness, probes.liveness]) {
        if (p && p.handler.kind === 'http') this.access.push({ probe: p, template });
      }
    }
  }

  /** Lines with `from <= at <= to`, oldest first, at most `limit` (the newest ones are kept). */
  window(from: number, to: number, limit = MAX_LINES_SCANNED): LogLine[] {
    const start = this.input.startedAt;
    const end = Math.min(to, this.finishedAt ?? Infinity);
    if (end < start) return [];
    const sources: LogLine[][] = [];
    const keep = (lines: LogLine[], l: LogLine) => {
      lines.push(l);
      if (lines.length > limit * 2) lines.splice(0, lines.length - limit);
    };
    const output: LogLine[] = [];
    const proc = runProcess(this.input);
    proc.skipUntil = Math.max(0, from - start);
    for (let i = 0; i < MAX_LINES_SCANNED; i++) {
      const ev = proc.next();
      if (!ev || start + ev.t > end) break;
      if (ev.kind === 'exit' || ev.kind === 'oom') break;
      if (ev.kind !== 'out' || start + ev.t < from) continue;
      keep(output, { at: start + ev.t, nanos: 0, text: ev.text });
    }
    sources.push(output);
    for (const { probe, template } of this.access) {
      const lines: LogLine[] = [];
      let t = nextTick(probe, Math.max(from - start - 1, this.listening ?? 0, 0), tickOffset(probe, this.input));
      for (let i = 0; start + t <= end && i < MAX_LINES_SCANNED; i++, t += probe.period) {
        const line = this.accessLine(probe, template, t);
        if (line && line.at >= from) keep(lines, line);
      }
      sources.push(lines);
    }
    const lines = sources.flat();
    // Stable: lines of one millisecond keep the order the process wrote them in.
    lines.sort((a, b) => a.at - b.at);
    let sameMs = 0;
    lines.forEach((l, i) => {
      sameMs = i > 0 && lines[i - 1]!.at === l.at ? sameMs + 1 : 0;
      l.nanos = Math.min(999_999, sameMs * 41_000 + (nanosOf(this.input.seed, l.at * 31 + sameMs) % 40_000));
    });
    return lines.slice(-limit);
  }

  private accessLine(probe: Probe, template: string, t: number): LogLine | undefined {
    const result = check(probe, t, { run: this.input, listeningAt: this.listening });
    if (!result.ok) return undefined;
    const start = this.input.startedAt;
    const rng = new Rng(`${this.input.seed}|access|${t}`);
    const text = render(
      template,
      { client: this.input.nodeIP, clientPort: rng.int(32768, 60999), path: result.path ?? '/', podIP: this.input.podIP, port: (probe.handler as { port: number }).port, bodyBytes: 12, micros: rng.int(20, 90) },
      start + t,
    );
    return { at: start + t, nanos: 0, text };
  }

  /** The last `n` lines up to `until`, searching back in growing windows. */
  tail(n: number, until: number): LogLine[] {
    const start = this.input.startedAt;
    let span = 10 * 60 * 1000;
    for (;;) {
      const from = Math.max(start, until - span);
      const lines = this.window(from, until, n);
      if (lines.length >= n || from === start) return lines.slice(-n);
      span *= 8;
    }
  }

  /** When the next line after `after` appears, if the run produces one within a day. */
  nextAfter(after: number): number | undefined {
    const start = this.input.startedAt;
    const limit = Math.min(this.finishedAt ?? Infinity, after + 24 * 3600 * 1000);
    let best = Infinity;
    const proc = runProcess(this.input);
    proc.skipUntil = Math.max(0, after - start);
    for (let i = 0; i < MAX_LINES_SCANNED; i++) {
      const ev = proc.next();
      if (!ev || start + ev.t > limit || ev.kind === 'exit' || ev.kind === 'oom') break;
      if (ev.kind === 'out' && start + ev.t > after) {
        best = start + ev.t;
        break;
      }
    }
    for (const { probe, template } of this.access) {
      let t = nextTick(probe, Math.max(after - start, this.listening ?? 0, 0), tickOffset(probe, this.input));
      for (let i = 0; i < 1000 && start + t < best && start + t <= limit; i++, t += probe.period) {
        const line = this.accessLine(probe, template, t);
        if (line && line.at > after) {
          best = Math.min(best, line.at);
          break;
        }
      }
    }
    return Number.isFinite(best) ? best : undefined;
  }
}

function nanosOf(seed: string, i: number): number {
  return hash53(`${seed}|${i}`) % 1_000_000;
}

/**
 * RFC 3339 with all nine digits of nanoseconds, trailing zeros kept: the kubelet writes `--timestamps` with
 * RFC3339NanoFixed (`2006-01-02T15:04:05.000000000Z07:00`), not Go's trimming RFC3339Nano.
 */
export function rfc3339Nano(line: LogLine): string {
  const iso = new Date(line.at).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}${String(line.nanos).padStart(6, '0')}Z`;
}
