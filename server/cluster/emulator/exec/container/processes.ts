/** The processes `ps` shows in a container: its main process (as the image's program titles itself) and the exec'd ones. */
import type { ProcessInfo } from '../shell/system.ts';
import type { ImageInfo } from './image.ts';

/** The argv the runtime started: the pod's command/args, else the image's entrypoint and cmd. */
export function mainArgv(container: Record<string, unknown>, image: ImageInfo): string[] {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : undefined);
  const command = list(container.command);
  const args = list(container.args);
  if (command?.length) return [...command, ...(args ?? [])];
  return [...image.entrypoint, ...(args ?? image.cmd)];
}

const ENTRYPOINT = /(^|\/)(docker-entrypoint\.sh|entrypoint\.sh)$/;

export function mainProcesses(container: Record<string, unknown>, image: ImageInfo, uid: number, startedAt: number, vcpus: number): ProcessInfo[] {
  let argv = mainArgv(container, image);
  if (argv.length > 1 && ENTRYPOINT.test(argv[0]!)) argv = argv.slice(1);
  if (image.server === 'nginx' && argv[0]?.split('/').pop() === 'nginx') {
    const workers = Array.from({ length: Math.max(1, vcpus) }, (_, i) => ({ pid: 29 + i, uid: 101, command: 'nginx: worker process', startedAt }));
    return [{ pid: 1, uid, command: `nginx: master process ${argv.join(' ')}`, startedAt }, ...workers];
  }
  return [{ pid: 1, uid, command: argv.join(' ') || 'sh', startedAt }];
}
