/**
 * What the kubelet gives a container besides its image: environment variables (the pod's env and envFrom,
 * service links, KUBERNETES_*), and files (ConfigMap, Secret and downward API volumes, hosts, resolv.conf).
 * Missing ConfigMaps and Secrets are reported with the kubelet's own messages.
 */
import type { StoredObject } from '../../meta/types.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { list, rec, str, strMap, type Json } from '../json.ts';
import type { SimResources } from '../resources.ts';

export interface EnvResult {
  env: Record<string, string>;
  /** `configmap "x" not found`: the container cannot be created (CreateContainerConfigError). */
  error?: string;
}

const decode = (v: string) => Buffer.from(v, 'base64').toString('utf8');

function fieldValue(pod: StoredObject, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return strMap(pod.metadata[m[1]!])[m[2]!] ?? '';
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid;
    case 'spec.nodeName':
      return str(spec.nodeName);
    case 'spec.serviceAccountName':
      return str(spec.serviceAccountName) || 'default';
    case 'status.hostIP':
    case 'status.hostIPs':
      return str(status.hostIP);
    case 'status.podIP':
    case 'status.podIPs':
      return str(status.podIP);
    default:
      return '';
  }
}

/** Service links: `WEB_SERVICE_HOST`, `WEB_PORT_80_TCP…` for every Service of the namespace, plus the API server's. */
export function serviceEnv(services: StoredObject[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const svc of services) {
    const spec = rec(svc.spec);
    const ip = str(spec.clusterIP);
    if (!ip || ip === 'None') continue;
    const name = svc.metadata.name.toUpperCase().replace(/-/g, '_');
    const ports = list(spec.ports);
    if (ports.length === 0) continue;
    const first = ports[0]!;
    out[`${name}_SERVICE_HOST`] = ip;
    out[`${name}_SERVICE_PORT`] = String(first.port);
    for (const p of ports) if (p.name) out[`${name}_SERVICE_PORT_${str(p.name).toUpperCase().replace(/-/g, '_')}`] = String(p.port);
    const proto = (str(first.protocol) || 'TCP').toLowerCase();
    out[`${name}_PORT`] = `${proto}://${ip}:${first.port}`;
    for (const p of ports) {
      const pr = str(p.protocol) || 'TCP';
      const prefix = `${name}_PORT_${p.port}_${pr}`;
      out[prefix] = `${pr.toLowerCase()}://${ip}:${p.port}`;
      out[`${prefix}_PROTO`] = pr.toLowerCase();
      out[`${prefix}_PORT`] = String(p.port);
      out[`${prefix}_ADDR`] = ip;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** `$(VAR)` references to earlier variables, as the kubelet expands them (`$$` escapes). */
function expandRefs(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) => (m === '$$' ? '$' : name !== undefined && env[name] !== undefined ? env[name]! : m));
}

export function resolveEnv(pod: StoredObject, container: Json, store: ObjectStore, r: SimResources): EnvResult {
  const ns = pod.metadata.namespace ?? 'default';
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: str(rec(pod.spec).hostname) || pod.metadata.name,
  };
  const configMap = (name: string) => store.get(r.configMaps.storage, ns, name);
  const secret = (name: string) => store.get(r.secrets.storage, ns, name);
  for (const from of list(container.envFrom)) {
    const prefix = str(from.prefix);
    const cmRef = rec(from.configMapRef);
    const secRef = rec(from.secretRef);
    if (cmRef.name !== undefined) {
      const cm = configMap(str(cmRef.name));
      if (!cm) {
        if (cmRef.optional === true) continue;
        return { env, error: `configmap "${str(cmRef.name)}" not found` };
      }
      for (const [k, v] of Object.entries(strMap(cm.data))) env[prefix + k] = v;
    }
    if (secRef.name !== undefined) {
      const s = secret(str(secRef.name));
      if (!s) {
        if (secRef.optional === true) continue;
        return { env, error: `secret "${str(secRef.name)}" not found` };
      }
      for (const [k, v] of Object.entries(strMap(s.data))) env[prefix + k] = decode(v);
    }
  }
  for (const e of list(container.env)) {
    const name = str(e.name);
    if (e.value !== undefined) {
      env[name] = expandRefs(str(e.value), env);
      continue;
    }
    const from = rec(e.valueFrom);
    if (from.fieldRef) env[name] = fieldValue(pod, str(rec(from.fieldRef).fieldPath));
    else if (from.resourceFieldRef) env[name] = resourceValue(container, rec(from.resourceFieldRef));
    else if (from.configMapKeyRef || from.secretKeyRef) {
      const isCm = Boolean(from.configMapKeyRef);
      const ref = rec(isCm ? from.configMapKeyRef : from.secretKeyRef);
      const obj = isCm ? configMap(str(ref.name)) : secret(str(ref.name));
      const kind = isCm ? 'configmap' : 'secret';
      if (!obj) {
        if (ref.optional === true) continue;
        return { env, error: `${kind} "${str(ref.name)}" not found` };
      }
      const data = strMap(obj.data);
      const key = str(ref.key);
      if (data[key] === undefined) {
        if (ref.optional === true) continue;
        return { env, error: `couldn't find key ${key} in ${isCm ? 'ConfigMap' : 'Secret'} ${ns}/${str(ref.name)}` };
      }
      env[name] = isCm ? data[key]! : decode(data[key]!);
    }
  }
  if (rec(pod.spec).enableServiceLinks !== false) {
    const services = store.list({ group: '', resource: 'services' }, ns);
    const master = ns === 'default' ? [] : store.list({ group: '', resource: 'services' }, 'default').filter((s) => s.metadata.name === 'kubernetes');
    for (const [k, v] of Object.entries(serviceEnv([...services, ...master]))) if (env[k] === undefined) env[k] = v;
  }
  env.HOME = env.HOME ?? '/root';
  return { env };
}

function resourceValue(container: Json, ref: Json): string {
  const resources = rec(container.resources);
  const [kind, name] = str(ref.resource).split('.') as [string, string];
  const v = str(rec(resources[kind])[name]);
  if (!v) return name === 'cpu' ? '2' : '0';
  if (name === 'cpu') {
    const m = /^(\d+)m$/.exec(v);
    return m ? String(Math.ceil(Number(m[1]) / 1000)) : v;
  }
  return v;
}

/** A volume source the kubelet cannot set up: the FailedMount message. */
export function missingVolumeSource(pod: StoredObject, store: ObjectStore, r: SimResources): { volume: string; message: string } | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  for (const v of list(rec(pod.spec).volumes)) {
    const name = str(v.name);
    const cm = rec(v.configMap);
    if (cm.name !== undefined && cm.optional !== true && !store.get(r.configMaps.storage, ns, str(cm.name))) {
      return { volume: name, message: `configmap "${str(cm.name)}" not found` };
    }
    const secret = rec(v.secret);
    if (secret.secretName !== undefined && secret.optional !== true && !store.get(r.secrets.storage, ns, str(secret.secretName))) {
      return { volume: name, message: `secret "${str(secret.secretName)}" not found` };
    }
  }
  return undefined;
}

/** The files a container sees at the paths the simulation can answer for. */
export function containerFiles(pod: StoredObject, container: Json, store: ObjectStore, r: SimResources): Map<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const status = rec(pod.status);
  const hostname = str(rec(pod.spec).hostname) || pod.metadata.name;
  const files = new Map<string, string>();
  files.set('/etc/hostname', `${hostname}\n`);
  files.set(
    '/etc/hosts',
    `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${str(status.podIP)}\t${hostname}\n`,
  );
  files.set('/etc/resolv.conf', `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.100.0.10\noptions ndots:5\n`);
  const volumes = new Map(list(rec(pod.spec).volumes).map((v) => [str(v.name), v]));
  for (const mount of list(container.volumeMounts)) {
    const vol = volumes.get(str(mount.name));
    if (!vol) continue;
    const path = str(mount.mountPath).replace(/\/$/, '');
    const subPath = str(mount.subPath);
    let entries: Record<string, string> = {};
    const cm = rec(vol.configMap);
    const secret = rec(vol.secret);
    if (cm.name !== undefined) entries = projected(strMap(store.get(r.configMaps.storage, ns, str(cm.name))?.data), list(cm.items), (x) => x);
    else if (secret.secretName !== undefined) entries = projected(strMap(store.get(r.secrets.storage, ns, str(secret.secretName))?.data), list(secret.items), decode);
    else if (vol.downwardAPI) {
      for (const item of list(rec(vol.downwardAPI).items)) entries[str(item.path)] = fieldValue(pod, str(rec(item.fieldRef).fieldPath));
    } else if (vol.projected) {
      entries = { namespace: ns };
    }
    if (subPath) {
      if (entries[subPath] !== undefined) files.set(path, entries[subPath]!);
    } else for (const [k, v] of Object.entries(entries)) files.set(`${path}/${k}`, v);
  }
  return files;
}

function projected(data: Record<string, string>, items: Json[], convert: (v: string) => string): Record<string, string> {
  if (items.length === 0) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, convert(v)]));
  const out: Record<string, string> = {};
  for (const item of items) {
    const v = data[str(item.key)];
    if (v !== undefined) out[str(item.path)] = convert(v);
  }
  return out;
}
