/**
 * `kubectl attach` (and `kubectl run -it`): to a shell started with stdin, the session is that shell; to any other
 * main process, it is the process's output from now on (its log stream).
 */
import type { LogSource } from '../../apiserver/pieces.ts';
import { rec, str, type Obj } from '../container/cluster-reader.ts';
import { findContainer } from '../container/container-fs.ts';
import { resolveImage } from '../container/image.ts';
import { mainArgv } from '../container/processes.ts';
import type { World } from '../container/world.ts';
import { isRunning } from '../network/listeners.ts';
import { runOnStreams, type SessionOptions } from './exec-session.ts';
import { containerNotFound } from './status.ts';
import type { ExecStreams } from './streams.ts';

export interface AttachHooks {
  logs?: LogSource;
  /** The main process ended during the session (the shell a learner attached to exited). */
  onMainProcessExit?(namespace: string, pod: string, container: string, exitCode: number): void;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

export async function attachSession(world: World, pod: Obj, container: string, streams: ExecStreams, hooks: AttachHooks, opts: SessionOptions): Promise<void> {
  if (!isRunning(pod, container)) return streams.finish(containerNotFound(container, opts.translated));
  const spec = findContainer(pod, container) ?? {};
  const argv = mainArgv(spec, resolveImage(str(spec.image), world.images));
  const meta = rec(pod.metadata);
  const interactiveShell = SHELLS.has(argv[0]?.split('/').pop() ?? '') && !argv.slice(1).some((a) => a.startsWith('-c') || !a.startsWith('-'));
  if (interactiveShell && streams.stdin && spec.stdin === true) {
    const result = await runOnStreams(world, pod, container, argv, streams);
    const code = result?.outcome.kind === 'exited' ? result.outcome.code : 0;
    if (!result?.aborted) hooks.onMainProcessExit?.(str(meta.namespace), str(meta.name), container, code);
    // Attach reports no exit status (the runtime's attach stream just ends): the code reaches the container's status.
    return streams.finish({ kind: 'success' });
  }
  if (!hooks.logs) return;
  let stop: () => void = () => undefined;
  try {
    stop = hooks.logs.follow(str(meta.namespace), str(meta.name), { container, tailLines: 0 }, (line) => streams.writeStdout(line), () => streams.finish({ kind: 'success' }));
  } catch {
    return streams.finish({ kind: 'success' });
  }
  streams.onClose(() => stop());
}
