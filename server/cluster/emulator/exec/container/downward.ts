/** The downward API: pod fields and container resources, as env values and as files. */
import { arr, rec, str, type Obj } from './cluster-reader.ts';

/** `metadata.labels` as a file shows them: `key="value"` lines, sorted. */
const mapLines = (m: Record<string, unknown>) =>
  Object.keys(m)
    .sort()
    .map((k) => `${k}=${JSON.stringify(str(m[k]))}`)
    .join('\n');

export function fieldValue(pod: Obj, fieldPath: string): string | undefined {
  const meta = rec(pod.metadata);
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  const sub = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (sub) return str(rec(meta[sub[1]!])[sub[2]!]);
  switch (fieldPath) {
    case 'metadata.name':
      return str(meta.name);
    case 'metadata.namespace':
      return str(meta.namespace);
    case 'metadata.uid':
      return str(meta.uid);
    case 'metadata.labels':
      return mapLines(rec(meta.labels));
    case 'metadata.annotations':
      return mapLines(rec(meta.annotations));
    case 'spec.nodeName':
      return str(spec.nodeName);
    case 'spec.serviceAccountName':
      return str(spec.serviceAccountName) || 'default';
    case 'status.podIP':
      return str(status.podIP);
    case 'status.podIPs':
      return arr(status.podIPs).map((p) => str(p.ip)).join(',');
    case 'status.hostIP':
      return str(status.hostIP);
    case 'status.hostIPs':
      return arr(status.hostIPs).map((p) => str(p.ip)).join(',');
    default:
      return undefined;
  }
}

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, m: 1e-3 };

export function quantity(text: string): number {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(text.trim());
  if (!m) return 0;
  return Number(m[1]) * (SUFFIX[m[2]!] ?? 1);
}

/** `limits.cpu`, `requests.memory`… of a container, divided by `divisor` and rounded up, as the kubelet does. */
export function resourceValue(pod: Obj, containerName: string, resource: string, divisor: string | undefined, nodeAllocatable: Record<string, unknown> = {}): string {
  const c = arr(rec(pod.spec).containers).find((x) => x.name === containerName) ?? {};
  const [kind, res] = resource.split('.') as [string, string];
  const resources = rec(c.resources);
  let raw = str(rec(resources[kind])[res]);
  if (!raw && kind === 'limits') raw = str(nodeAllocatable[res]) || (res === 'cpu' ? '2' : res === 'memory' ? '3371436Ki' : '0');
  if (!raw) raw = '0';
  const d = divisor ? quantity(divisor) : 1;
  return String(Math.ceil(quantity(raw) / (d || 1)));
}
