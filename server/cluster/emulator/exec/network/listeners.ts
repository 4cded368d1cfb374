/** What a pod listens on: for each running container, the ports its image's server opens (as configured by args, env or its config files). */
import type { FileSystem } from '../shell/system.ts';
import { arr, rec, str, type Obj } from '../container/cluster-reader.ts';
import { containerStatus } from '../container/container-fs.ts';
import { resolveImage, type ImageInfo, type ImageSource } from '../container/image.ts';
import type { ServerKind } from '../container/image-profiles.ts';

export interface Listener {
  container: Record<string, unknown>;
  image: ImageInfo;
  port: number;
  /** An HTTP server (else a TCP service that does not speak HTTP). */
  http: boolean;
  server?: ServerKind;
  /** Paths the catalogue says answer 200. */
  paths?: string[];
}

/** Whether a container (app, init or ephemeral) of the pod is running now. */
export function isRunning(pod: Obj, containerName: string): boolean {
  return !!rec(containerStatus(pod, containerName)?.state).running;
}

function argv(container: Record<string, unknown>): string[] {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(str) : []);
  return [...list(container.command), ...list(container.args)];
}

function envValue(container: Record<string, unknown>, name: string): string | undefined {
  const e = arr(container.env).find((x) => x.name === name);
  return e && typeof e.value === 'string' ? e.value : undefined;
}

/** `listen 8080;`, `listen [::]:80;` in nginx's conf.d. */
export function nginxPorts(fs: FileSystem | undefined): number[] | undefined {
  if (!fs) return undefined;
  const names = fs.list('/etc/nginx/conf.d');
  if (!Array.isArray(names)) return undefined;
  const ports = new Set<number>();
  for (const n of names.filter((x) => x.endsWith('.conf'))) {
    const text = fs.read(`/etc/nginx/conf.d/${n}`);
    if (typeof text !== 'string') continue;
    for (const m of text.matchAll(/^\s*listen\s+(?:\S*:)?(\d+)/gm)) ports.add(Number(m[1]));
  }
  return ports.size ? [...ports] : undefined;
}

/** Ports of one container when it runs. */
export function containerListeners(container: Record<string, unknown>, image: ImageInfo, fs: FileSystem | undefined): Listener[] {
  const args = argv(container);
  const base = { container, image, ...(image.server ? { server: image.server } : {}) };
  const catalogue = image.ports.map((p) => ({ ...base, port: p.port, http: !p.tcp, ...(p.http ? { paths: p.http } : {}) }));
  switch (image.server) {
    case 'nginx':
      return (nginxPorts(fs) ?? [80]).map((port) => ({ ...base, port, http: true }));
    case 'http-echo': {
      const listen = args.map((a) => /^-?-listen[= ](?:.*:)?(\d+)$/.exec(a)?.[1]).find(Boolean);
      const i = args.findIndex((a) => a === '-listen' || a === '--listen');
      const port = Number(listen ?? (i >= 0 ? args[i + 1]?.split(':').pop() : undefined) ?? envValue(container, 'ECHO_PORT') ?? 5678);
      return [{ ...base, port, http: true }];
    }
    case 'echo-server':
    case 'hello-app':
    case 'go': {
      const port = Number(envValue(container, 'PORT') ?? 0);
      return port ? [{ ...base, port, http: true, ...(catalogue[0]?.paths ? { paths: catalogue[0].paths } : {}) }] : catalogue;
    }
    case 'spring': {
      const port = Number(envValue(container, 'SERVER_PORT') ?? 0);
      return port ? catalogue.map((l) => ({ ...l, port })) : catalogue;
    }
  }
  return catalogue;
}

/** Every port the pod's running containers listen on. */
export function podListeners(pod: Obj, images: ImageSource, fsOf: (containerName: string) => FileSystem | undefined): Listener[] {
  const out: Listener[] = [];
  for (const c of arr(rec(pod.spec).containers)) {
    const name = str(c.name);
    if (!isRunning(pod, name)) continue;
    const image = resolveImage(str(c.image), images);
    out.push(...containerListeners(c, image, image.server === 'nginx' ? fsOf(name) : undefined));
  }
  return out;
}
