/**
 * Files the containers' own processes wrote (a sidecar's `date >> /html/index.html` loop, as the node simulation
 * runs it), laid over a container's tree: its own writes anywhere, other containers' writes through the volumes
 * they share with it.
 */
import { arr, rec, str, type Obj } from './cluster-reader.ts';
import type { Vfs } from './vfs.ts';

/** What the main process of a container has written so far: path → content. */
export type ProcessFiles = (namespace: string, pod: string, container: string) => Record<string, string> | undefined;

export function applyProcessFiles(fs: Vfs, pod: Obj, containerName: string, files: ProcessFiles): void {
  const meta = rec(pod.metadata);
  const spec = rec(pod.spec);
  const containers = [...arr(spec.initContainers), ...arr(spec.containers)];
  const mine = new Map(arr(containers.find((c) => c.name === containerName)?.volumeMounts).filter((m) => !m.subPath).map((m) => [str(m.name), str(m.mountPath)]));
  for (const c of containers) {
    const written = files(str(meta.namespace), str(meta.name), str(c.name));
    for (const [path, content] of Object.entries(written ?? {})) {
      if (c.name === containerName) {
        fs.write(path, content, false);
        continue;
      }
      const via = arr(c.volumeMounts).find((m) => !m.subPath && (path === str(m.mountPath) || path.startsWith(`${str(m.mountPath)}/`)));
      const at = via && mine.get(str(via.name));
      if (at) fs.write(`${at}${path.slice(str(via.mountPath).length)}`, content, false);
    }
  }
}
