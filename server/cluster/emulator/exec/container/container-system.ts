/** The ContainerSystem an exec'd process runs against: the container's files, environment, identity and network. */
import type { ContainerSystem, Network } from '../shell/system.ts';
import { hostsEntries, resolveName } from '../network/dns.ts';
import { exchange, type RoutingDeps } from '../network/routing.ts';
import { rec, str, type Obj } from './cluster-reader.ts';
import { containerFs, startedAt, type ContainerFs } from './container-fs.ts';
import { containerEnv } from './environment.ts';
import { podFqdn, podHostname, resolvConf } from './etc-files.ts';
import { mainProcesses } from './processes.ts';
import type { World } from './world.ts';
import { DEFAULT_KERNEL_RELEASE, KERNEL_BUILD } from '../../node-sim/kernel.ts';


export function routingDeps(world: World): RoutingDeps {
  return {
    reader: world.reader,
    images: world.images,
    fsOf: (pod, name) => containerFs(world, pod, name)?.fs,
    now: () => world.clock.now(),
    ...(world.apiServer ? { apiServer: world.apiServer } : {}),
    ...(world.onServed ? { onServed: world.onServed } : {}),
    turns: world.turns,
  };
}

function podNetwork(world: World, pod: Obj, hostname: string): Network {
  const resolv = resolvConf(pod, world.dns);
  const ndots = Number(resolv.options.find((o) => o.startsWith('ndots:'))?.slice(6) ?? 1);
  const hosts = hostsEntries(pod, hostname, podFqdn(pod, world.dns.clusterDomain));
  const deps = routingDeps(world);
  const podIP = str(rec(pod.status).podIP);
  return {
    podIP,
    nameserver: resolv.nameservers[0] ?? world.dns.clusterDns,
    searchDomains: resolv.searches,
    timeoutMs: world.connectTimeoutMs,
    resolve: (name) => resolveName(name, { reader: world.reader, clusterDomain: world.dns.clusterDomain, region: world.dns.region, searches: resolv.searches, ndots, hosts }),
    http: (ip, port, req, tls) => exchange(deps, pod, ip, port, req, tls),
    answersPing: (ip) => ip === podIP || ip === '127.0.0.1' || world.reader.pods().some((p) => str(rec(p.status).podIP) === ip || str(rec(p.status).hostIP) === ip),
  };
}

function sleeper(world: World) {
  return (ms: number, signal: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      if (signal.aborted) return resolve(false);
      const cancel = world.clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, Math.min(ms, 2 ** 31 - 1));
      const onAbort = () => {
        cancel();
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
}

export interface ContainerView {
  sys: ContainerSystem;
  cfs: ContainerFs;
}

/** Builds the view of one container of a pod; undefined when the pod has no such container. */
export function containerView(world: World, pod: Obj, containerName: string, execArgv: string[], terminal?: { rows: number; cols: number }): ContainerView | undefined {
  const cfs = containerFs(world, pod, containerName);
  if (!cfs) return undefined;
  const { fs, image, identity, container } = cfs;
  const hostname = podHostname(pod);
  const started = startedAt(pod, containerName);
  const passwd = fs.read('/etc/passwd');
  const account = (typeof passwd === 'string' ? passwd : '').split('\n').find((l) => l.split(':')[2] === String(identity.uid));
  const home = account?.split(':')[5] || '/';
  const node = world.reader.node(str(rec(pod.spec).nodeName));
  const nodeInfo = rec(rec(node?.status).nodeInfo);
  const vcpus = Number(str(rec(rec(node?.status).capacity).cpu)) || 2;
  const env = containerEnv({ pod, container, imageEnv: image.profile.env?.({ version: image.version, flavour: image.flavour }) ?? [], reader: world.reader, hostname, home, startedAt: started });
  const hasCurl = Object.keys({ ...image.family.programs, ...(image.profile.programs ?? {}) }).includes('curl');
  const execStart = world.clock.now();
  const sys: ContainerSystem = {
    hostname,
    env,
    identity: { ...identity, home },
    workdir: str(container.workingDir) || image.profile.workdir || '/',
    fs,
    net: podNetwork(world, pod, hostname),
    kernel: { release: str(nodeInfo.kernelVersion) || DEFAULT_KERNEL_RELEASE, version: KERNEL_BUILD, machine: str(nodeInfo.architecture) === 'arm64' ? 'aarch64' : 'x86_64' },
    tools: {
      style: image.family.style,
      ...(hasCurl ? { curlVersion: image.profile.curl ?? image.family.curl ?? '8.12.1' } : {}),
      program: { name: image.repository.split('/').pop() ?? '', version: image.version },
      bash: image.family.bash,
    },
    which(name, path) {
      const executable = (p: string) => {
        const n = fs.node(p);
        return n?.kind === 'file' && (n.mode & 0o111) !== 0 ? p : undefined;
      };
      if (name.includes('/')) return executable(name);
      for (const dir of path.split(':')) {
        if (!dir) continue;
        const found = executable(`${dir.replace(/\/$/, '')}/${name}`);
        if (found) return found;
      }
      return undefined;
    },
    programAt(path) {
      const n = fs.node(path);
      if (n?.kind !== 'file' || (n.mode & 0o111) === 0) return undefined;
      if (n.program) return { program: n.program };
      const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(n.content);
      return shebang ? { interpreter: shebang.slice(1).filter((x): x is string => !!x) } : undefined;
    },
    processes: () => [...mainProcesses(container, image, identity.uid, started, vcpus), { pid: 7, uid: identity.uid, command: execArgv.join(' '), startedAt: execStart }],
    now: () => world.clock.now(),
    sleep: sleeper(world),
    ...(terminal ? { terminal } : {}),
  };
  return { sys, cfs };
}
