/**
 * The network programs a container's own process runs (its command or script: `wget -qO- web`,
 * `curl -s http://api:8080/health`, `nslookup web`), answered by the cluster's simulated network with the very
 * programs `kubectl exec` runs. The kubelet computes a process ahead on simulated time and again whenever its
 * logs are read, so these runs have no side effects: no access-log lines on the server, no round-robin turn
 * taken, no file written into the container.
 */
import type { Command, CommandContext } from '../shell/command.ts';
import { curl } from '../shell/commands/curl.ts';
import { netCommands } from '../shell/commands/net.ts';
import { Capture, TextInput } from '../shell/io.ts';
import type { FileSystem } from '../shell/system.ts';
import type { Obj } from './cluster-reader.ts';
import { containerView, type ContainerView } from './container-system.ts';
import type { World } from './world.ts';

export interface NetworkRun {
  stdout: string;
  stderr: string;
  code: number;
  /** Simulated time the program took (ms). */
  ms: number;
}

/** Runs `argv` in a container of `pod` when it is a network program the image has; undefined otherwise. */
export type ProcessNetwork = (pod: Obj, container: string, argv: string[]) => NetworkRun | undefined;

const PROGRAMS: Record<string, Command> = { wget: netCommands.wget!, nslookup: netCommands.nslookup!, curl };
const SEARCH_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** A request on the cluster network, connection included. */
const ROUND_TRIP_MS = 3;

/** Container views kept for the next run (a loop calls the same program again and again). */
const VIEWS_KEPT = 64;

export function createProcessNetwork(world: World): ProcessNetwork {
  // Every run starts from the same state: no round-robin turn taken before it, and nobody told of its requests.
  const { onServed: _untold, ...quiet } = world;
  const turns = new Map<string, number>();
  const views = new Map<string, ContainerView | undefined>();
  const viewOf = (pod: Obj, container: string, argv: string[]) => {
    const meta = pod.metadata;
    const key = `${meta.uid}/${meta.resourceVersion}/${container}`;
    if (!views.has(key)) {
      if (views.size >= VIEWS_KEPT) views.delete(views.keys().next().value!);
      views.set(key, containerView({ ...quiet, turns }, pod, container, argv));
    }
    return views.get(key);
  };
  return (pod, container, argv) => {
    const name = (argv[0] ?? '').split('/').pop() ?? '';
    const command = PROGRAMS[name];
    if (!command) return undefined;
    const view = viewOf(pod, container, argv);
    if (!view || !view.sys.which(name, SEARCH_PATH)) return undefined;
    turns.clear();
    let waited = 0;
    const stdout = new Capture();
    const stderr = new Capture();
    const ctx: CommandContext = {
      argv,
      name,
      env: new Map(view.sys.env),
      cwd: view.sys.workdir,
      sys: { ...view.sys, fs: withoutWrites(view.sys.fs), instant: { advance: (ms) => (waited += ms) } },
      signal: new AbortController().signal,
      spawn: () => Promise.resolve(127),
      stdin: new TextInput(''),
      stdout,
      stderr,
      tty: false,
    };
    const code = command(ctx);
    // The programs above never wait on the clock when `instant` is set; a promise would mean one does.
    if (typeof code !== 'number') return undefined;
    return { stdout: stdout.text(), stderr: stderr.text(), code, ms: waited + ROUND_TRIP_MS };
  };
}

/** The container's files, read as they are; writes succeed and go nowhere (the run is recomputed at will). */
function withoutWrites(fs: FileSystem): FileSystem {
  return {
    absolute: (path, cwd) => fs.absolute(path, cwd),
    stat: (path) => fs.stat(path),
    lstat: (path) => fs.lstat(path),
    read: (path) => fs.read(path),
    list: (path) => fs.list(path),
    realpath: (path) => fs.realpath(path),
    userName: (uid) => fs.userName(uid),
    groupName: (gid) => fs.groupName(gid),
    write: () => undefined,
    mkdir: () => undefined,
    remove: () => undefined,
  };
}
