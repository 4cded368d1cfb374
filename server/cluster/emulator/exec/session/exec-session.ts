/** One `kubectl exec`: the process runs in the container view, wired to the client's streams, and ends with its Status. */
import { randomBytes } from 'node:crypto';
import type { Obj } from '../container/cluster-reader.ts';
import { containerView } from '../container/container-system.ts';
import type { World } from '../container/world.ts';
import { isRunning } from '../network/listeners.ts';
import { StreamInput } from '../shell/io.ts';
import { runProcess } from './run-process.ts';
import { containerNotFound, startFailed } from './status.ts';
import type { ExecStreams } from './streams.ts';

/** Output the client has not read yet beyond which the process is stopped (a `yes` or a runaway loop). */
const MAX_BACKLOG = 16 * 1024 * 1024;

export interface SessionOptions {
  /** v5 through the API server's stream translator (error wording), else the kubelet's own protocol. */
  translated: boolean;
}

/** Wires a process to the streams; returns the process's outcome promise. */
export async function runOnStreams(world: World, pod: Obj, container: string, argv: string[], streams: ExecStreams) {
  const size = { rows: 24, cols: 80 };
  const view = containerView(world, pod, container, argv, streams.tty ? size : undefined);
  if (!view) return undefined;
  const ctrl = new AbortController();
  streams.onClose(() => ctrl.abort());
  const stdin = new StreamInput();
  if (streams.stdin) {
    streams.onStdin((t) => stdin.push(t));
    streams.onStdinEnd(() => stdin.end());
  } else stdin.end();
  streams.onResize((s) => Object.assign(size, s));
  const guard = (write: (t: string) => void) => (text: string) => {
    write(text);
    if (streams.backlog > MAX_BACKLOG) ctrl.abort();
  };
  const outcome = await runProcess(view.sys, argv, {
    stdin,
    stdout: { write: guard((t) => streams.writeStdout(t)) },
    stderr: { write: guard((t) => streams.writeStderr(t)) },
    ...(streams.tty ? { tty: size } : {}),
    signal: ctrl.signal,
  });
  return { outcome, aborted: ctrl.signal.aborted };
}

export async function execSession(world: World, pod: Obj, container: string, argv: string[], streams: ExecStreams, opts: SessionOptions): Promise<void> {
  if (!isRunning(pod, container)) return streams.finish(containerNotFound(container, opts.translated));
  try {
    const result = await runOnStreams(world, pod, container, argv, streams);
    if (!result) return streams.finish(containerNotFound(container, opts.translated));
    const { outcome } = result;
    if (outcome.kind === 'start-failed') return streams.finish(startFailed(randomBytes(32).toString('hex'), outcome.reason, opts.translated));
    streams.finish(outcome.code === 0 ? { kind: 'success' } : { kind: 'exit', code: outcome.code, command: argv });
  } catch (err) {
    streams.finish({ kind: 'internal', message: `error executing command in container: ${err instanceof Error ? err.message : String(err)}` });
  }
}
