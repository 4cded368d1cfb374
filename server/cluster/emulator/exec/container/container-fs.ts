/** A container's file tree as an exec sees it: the image, its writable layer, the kubelet's files and the volume mounts. */
import { arr, num, rec, str, type Obj } from './cluster-reader.ts';
import { hostsFile, podHostname, resolvConf, resolvConfText } from './etc-files.ts';
import { resolveImage, type ImageInfo } from './image.ts';
import { applyProcessFiles } from './process-files.ts';
import { buildRoot } from './rootfs.ts';
import { Layer, Vfs, type DirNode, type FileNode } from './vfs.ts';
import { mountVolume } from './volumes.ts';
import type { World } from './world.ts';

export interface Identity {
  uid: number;
  gid: number;
  groups: number[];
}

/** The container's spec among containers, init containers and ephemeral containers. */
export function findContainer(pod: Obj, name: string): Record<string, unknown> | undefined {
  const spec = rec(pod.spec);
  return [...arr(spec.containers), ...arr(spec.initContainers), ...arr(spec.ephemeralContainers)].find((c) => c.name === name);
}

export function containerStatus(pod: Obj, name: string): Record<string, unknown> | undefined {
  const status = rec(pod.status);
  return [...arr(status.containerStatuses), ...arr(status.initContainerStatuses), ...arr(status.ephemeralContainerStatuses)].find((c) => c.name === name);
}

/** When the container's current instance started, epoch ms (pod creation when unknown). */
export function startedAt(pod: Obj, name: string): number {
  const running = rec(rec(containerStatus(pod, name)?.state).running);
  return Date.parse(str(running.startedAt)) || Date.parse(str(rec(pod.status).startTime)) || Date.parse(str(rec(pod.metadata).creationTimestamp)) || 0;
}

function passwdGid(image: ImageInfo, uid: number): number | undefined {
  const passwd = (image.family.files['/etc/passwd'] ?? '') + (image.profile.passwd ?? '');
  const line = passwd.split('\n').find((l) => l.split(':')[2] === String(uid));
  return line ? Number(line.split(':')[3]) : undefined;
}

/** Groups of /etc/group that list the user as a member (what initgroups adds). */
function memberGroups(image: ImageInfo, uid: number): number[] {
  const passwd = (image.family.files['/etc/passwd'] ?? '') + (image.profile.passwd ?? '');
  const name = passwd.split('\n').find((l) => l.split(':')[2] === String(uid))?.split(':')[0];
  if (!name) return [];
  const group = (image.family.files['/etc/group'] ?? '') + (image.profile.group ?? '');
  return group
    .split('\n')
    .map((l) => l.split(':'))
    .filter((f) => f.length >= 4 && f[3]!.split(',').includes(name))
    .map((f) => Number(f[2]));
}

export function identityOf(pod: Obj, container: Record<string, unknown>, image: ImageInfo): Identity {
  const sc = rec(container.securityContext);
  const psc = rec(rec(pod.spec).securityContext);
  const uid = num(sc.runAsUser) ?? num(psc.runAsUser) ?? image.profile.user?.[0] ?? 0;
  const gid = num(sc.runAsGroup) ?? num(psc.runAsGroup) ?? (image.profile.user && uid === image.profile.user[0] ? image.profile.user[1] : passwdGid(image, uid)) ?? 0;
  const groups = [...memberGroups(image, uid), ...(Array.isArray(psc.supplementalGroups) ? psc.supplementalGroups.map(Number) : []), ...(num(psc.fsGroup) !== undefined ? [num(psc.fsGroup)!] : [])];
  return { uid, gid, groups: [...new Set(groups)].filter((g) => g !== gid) };
}

const kubeletFile = (content: string, mtime: number): FileNode => ({ kind: 'file', content, mode: 0o644, uid: 0, gid: 0, mtime });

const ROOT = { uid: 0, gid: 0, groups: [] };

/** Applies a volume layer's saved changes to the volume's tree, in place. */
function replayInto(tree: DirNode, layer: Layer, now: () => number): void {
  const scratch = new Vfs(ROOT, now, new Layer());
  scratch.put('/v', tree);
  scratch.replay(layer, '/v');
}

/** Finds a path inside a volume's tree (following its `..data` links), creating missing directories for writable volumes. */
function subTree(tree: DirNode, subPath: string, create: boolean, now: () => number): DirNode | FileNode | undefined {
  const scratch = new Vfs(ROOT, now, new Layer());
  scratch.put('/v', tree);
  const node = scratch.node(`/v/${subPath}`);
  if (node && node.kind !== 'link') return node;
  return create ? scratch.ensureDir(`/v/${subPath}`, { mtime: now() }) : undefined;
}

export interface ContainerFs {
  fs: Vfs;
  image: ImageInfo;
  identity: Identity;
  container: Record<string, unknown>;
}

export function containerFs(world: World, pod: Obj, containerName: string): ContainerFs | undefined {
  const container = findContainer(pod, containerName);
  if (!container) return undefined;
  const image = resolveImage(str(container.image), world.images);
  const identity = identityOf(pod, container, image);
  const meta = rec(pod.metadata);
  const restarts = num(containerStatus(pod, containerName)?.restartCount) ?? 0;
  const now = () => world.clock.now();
  const rootLayer = world.layers.get(`container/${str(meta.uid)}/${containerName}/${restarts}`);
  const fs = buildRoot({ image, identity, layer: rootLayer, now });
  fs.replay(rootLayer, '/');
  const started = startedAt(pod, containerName);
  fs.put('/etc/hostname', kubeletFile(`${podHostname(pod)}\n`, started));
  fs.put('/etc/hosts', kubeletFile(hostsFile(pod, world.dns), started));
  fs.put('/etc/resolv.conf', kubeletFile(resolvConfText(resolvConf(pod, world.dns)), started));
  const ctx = { pod, reader: world.reader, layers: world.layers, token: world.token, mountedAt: started };
  const mounts = arr(container.volumeMounts).sort((a, b) => str(a.mountPath).split('/').length - str(b.mountPath).split('/').length);
  for (const m of mounts) {
    const vol = mountVolume(ctx, str(m.name));
    if (!vol) continue;
    const readOnly = vol.readOnly || m.readOnly === true;
    const mountPath = str(m.mountPath);
    const subPath = str(m.subPath);
    if (vol.layer) replayInto(vol.tree, vol.layer, now);
    if (subPath) {
      const node = subTree(vol.tree, subPath, !!vol.layer, now);
      if (!node) continue;
      if (node.kind === 'dir') node.mount = { readOnly, ...(vol.layer ? { layer: vol.layer, prefix: subPath } : {}) };
      fs.mount(mountPath, node.kind === 'file' ? { ...node, readOnly } : node);
      continue;
    }
    vol.tree.mount = { readOnly, ...(vol.layer ? { layer: vol.layer } : {}) };
    fs.mount(mountPath, vol.tree);
  }
  if (world.processFiles) applyProcessFiles(fs, pod, containerName, world.processFiles);
  return { fs, image, identity, container };
}
