/**
 * Volumes as the kubelet mounts them: ConfigMaps, Secrets, projected and downward API volumes in the atomic-writer
 * layout (`..data` → `..<timestamp>` with per-key symlinks), emptyDir shared by the pod's containers, and claims
 * that keep their files across pod restarts.
 */
import { arr, num, rec, str, type ClusterReader, type Obj } from './cluster-reader.ts';
import { fieldValue, resourceValue } from './downward.ts';
import type { LayerStore } from './layers.ts';
import type { DirNode, Layer, Node } from './vfs.ts';

export interface TokenRequest {
  namespace: string;
  serviceAccount: string;
  pod: Obj;
  audience?: string;
  expirationSeconds: number;
}

/** Issues the projected service account token (the kubelet's TokenRequest). */
export type TokenSource = (req: TokenRequest) => string;

export interface VolumeContext {
  pod: Obj;
  reader: ClusterReader;
  layers: LayerStore;
  token: TokenSource;
  /** When the container started (mtime of mounted files), epoch ms. */
  mountedAt: number;
}

export interface MountedVolume {
  tree: DirNode;
  readOnly: boolean;
  layer?: Layer;
}

interface VolumeFile {
  path: string;
  content: string;
  mode: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `..2026_03_02_09_00_00.123456789`, as the atomic writer names its payload directories. */
export function stampName(ms: number, seed: string): string {
  const d = new Date(ms);
  let h = 7;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `..${d.getUTCFullYear()}_${pad(d.getUTCMonth() + 1)}_${pad(d.getUTCDate())}_${pad(d.getUTCHours())}_${pad(d.getUTCMinutes())}_${pad(d.getUTCSeconds())}.${h % 4294967295}`;
}

function dir(mode: number, mtime: number, gid = 0): DirNode {
  return { kind: 'dir', children: new Map(), mode, uid: 0, gid, mtime };
}

/** The atomic writer's layout: payload in a timestamped directory, `..data` pointing at it, one link per top entry. */
export function atomicTree(files: VolumeFile[], rootMode: number, mtime: number, seed: string, gid = 0): DirNode {
  const root = dir(rootMode, mtime, gid);
  const stamp = stampName(mtime, seed);
  const payload = dir(0o755, mtime, gid);
  for (const f of files) {
    const parts = f.path.split('/').filter(Boolean);
    let at = payload;
    for (const p of parts.slice(0, -1)) {
      let next = at.children.get(p);
      if (!next || next.kind !== 'dir') {
        next = dir(0o755, mtime, gid);
        at.children.set(p, next);
      }
      at = next;
    }
    at.children.set(parts.at(-1)!, { kind: 'file', content: f.content, mode: f.mode, uid: 0, gid, mtime });
  }
  root.children.set(stamp, payload);
  root.children.set('..data', { kind: 'link', target: stamp, mode: 0o777, uid: 0, gid: 0, mtime });
  for (const name of payload.children.keys()) root.children.set(name, { kind: 'link', target: `..data/${name}`, mode: 0o777, uid: 0, gid: 0, mtime });
  return root;
}

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

/** Key/value files of a ConfigMap or Secret, all keys or the listed items. */
function keyFiles(data: Record<string, string>, items: Record<string, unknown>[], defaultMode: number): VolumeFile[] {
  if (items.length === 0) return Object.keys(data).sort().map((k) => ({ path: k, content: data[k]!, mode: defaultMode }));
  return items.filter((i) => str(i.key) in data).map((i) => ({ path: str(i.path) || str(i.key), content: data[str(i.key)]!, mode: num(i.mode) ?? defaultMode }));
}

function configMapData(reader: ClusterReader, ns: string, name: string): Record<string, string> | undefined {
  const cm = reader.configMap(ns, name);
  if (!cm) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(cm.data))) out[k] = str(v);
  for (const [k, v] of Object.entries(rec(cm.binaryData))) out[k] = decode(str(v));
  return out;
}

function secretData(reader: ClusterReader, ns: string, name: string): Record<string, string> | undefined {
  const s = reader.secret(ns, name);
  if (!s) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(s.data))) out[k] = decode(str(v));
  for (const [k, v] of Object.entries(rec(s.stringData))) out[k] = str(v);
  return out;
}

function downwardFiles(pod: Obj, items: Record<string, unknown>[], defaultMode: number): VolumeFile[] {
  return items.flatMap((i) => {
    const field = rec(i.fieldRef);
    const res = rec(i.resourceFieldRef);
    const value = field.fieldPath ? fieldValue(pod, str(field.fieldPath)) : res.resource ? resourceValue(pod, str(res.containerName), str(res.resource), str(res.divisor) || undefined) : undefined;
    return value === undefined ? [] : [{ path: str(i.path), content: value, mode: num(i.mode) ?? defaultMode }];
  });
}

function projectedFiles(ctx: VolumeContext, sources: Record<string, unknown>[], defaultMode: number): VolumeFile[] {
  const meta = rec(ctx.pod.metadata);
  const ns = str(meta.namespace);
  const files: VolumeFile[] = [];
  for (const s of sources) {
    if (s.serviceAccountToken) {
      const t = rec(s.serviceAccountToken);
      const token = ctx.token({ namespace: ns, serviceAccount: str(rec(ctx.pod.spec).serviceAccountName) || 'default', pod: ctx.pod, ...(t.audience ? { audience: str(t.audience) } : {}), expirationSeconds: num(t.expirationSeconds) ?? 3607 });
      files.push({ path: str(t.path) || 'token', content: token, mode: defaultMode });
    } else if (s.configMap) {
      const c = rec(s.configMap);
      files.push(...keyFiles(configMapData(ctx.reader, ns, str(c.name)) ?? {}, arr(c.items), defaultMode));
    } else if (s.secret) {
      const c = rec(s.secret);
      files.push(...keyFiles(secretData(ctx.reader, ns, str(c.name)) ?? {}, arr(c.items), defaultMode));
    } else if (s.downwardAPI) files.push(...downwardFiles(ctx.pod, arr(rec(s.downwardAPI).items), defaultMode));
  }
  return files;
}

/** The tree one pod volume mounts, or undefined for a volume the pod does not define. */
export function mountVolume(ctx: VolumeContext, volumeName: string): MountedVolume | undefined {
  const spec = rec(ctx.pod.spec);
  const meta = rec(ctx.pod.metadata);
  const ns = str(meta.namespace);
  const uid = str(meta.uid);
  const vol = arr(spec.volumes).find((v) => v.name === volumeName);
  if (!vol) return undefined;
  const fsGroup = num(rec(spec.securityContext).fsGroup);
  const gid = fsGroup ?? 0;
  const t = ctx.mountedAt;
  const seed = `${uid}/${volumeName}`;
  if (vol.configMap) {
    const c = rec(vol.configMap);
    const data = configMapData(ctx.reader, ns, str(c.name)) ?? {};
    return { tree: atomicTree(keyFiles(data, arr(c.items), num(c.defaultMode) ?? 0o644), 0o777, t, seed, gid), readOnly: true };
  }
  if (vol.secret) {
    const c = rec(vol.secret);
    const data = secretData(ctx.reader, ns, str(c.secretName)) ?? {};
    return { tree: atomicTree(keyFiles(data, arr(c.items), num(c.defaultMode) ?? 0o644), 0o1777, t, seed, gid), readOnly: true };
  }
  if (vol.projected) {
    const p = rec(vol.projected);
    return { tree: atomicTree(projectedFiles(ctx, arr(p.sources), num(p.defaultMode) ?? 0o644), 0o1777, t, seed, gid), readOnly: true };
  }
  if (vol.downwardAPI) {
    const d = rec(vol.downwardAPI);
    return { tree: atomicTree(downwardFiles(ctx.pod, arr(d.items), num(d.defaultMode) ?? 0o644), 0o1777, t, seed, gid), readOnly: true };
  }
  if (vol.persistentVolumeClaim) {
    const claim = str(rec(vol.persistentVolumeClaim).claimName);
    const tree = dir(0o755, t, gid);
    tree.children.set('lost+found', { ...dir(0o700, t), children: new Map<string, Node>() });
    return { tree, readOnly: rec(vol.persistentVolumeClaim).readOnly === true, layer: ctx.layers.get(`pvc/${ns}/${claim}`) };
  }
  if (vol.hostPath) {
    return { tree: dir(0o755, t), readOnly: false, layer: ctx.layers.get(`hostPath/${str(spec.nodeName)}/${str(rec(vol.hostPath).path)}`) };
  }
  return { tree: dir(0o777, t, gid), readOnly: false, layer: ctx.layers.get(`emptyDir/${uid}/${volumeName}`) };
}
