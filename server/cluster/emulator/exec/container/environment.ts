/**
 * A container's process environment, as containerd hands it to an exec: PATH, HOSTNAME, the image's ENV, the pod's
 * `envFrom` and `env` (ConfigMap, Secret, field and resource references, `$(VAR)` expansion), the service
 * variables, then HOME.
 */
import { arr, rec, str, type ClusterReader, type Obj } from './cluster-reader.ts';
import { fieldValue, resourceValue } from './downward.ts';
import { serviceEnv } from './service-env.ts';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface EnvInput {
  pod: Obj;
  container: Record<string, unknown>;
  imageEnv: [string, string][];
  reader: ClusterReader;
  hostname: string;
  home: string;
  startedAt: number;
}

const VALID = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** `$(VAR)` references to variables defined earlier; `$$(VAR)` stays literal. */
export function expandRefs(value: string, vars: Map<string, string>): string {
  return value.replace(/\$\$|\$\(([^)]+)\)/g, (m, name: string | undefined) => (m === '$$' ? '$' : vars.has(name!) ? vars.get(name!)! : m));
}

/** A ConfigMap's or Secret's data as it was when the container started: env is fixed then. */
function sourceData(reader: ClusterReader, ns: string, kind: 'configMap' | 'secret', name: string, startedAt: number): Record<string, string> | undefined {
  const obj = reader.sourceAt(kind, ns, name, startedAt);
  if (!obj) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(obj.data))) out[k] = kind === 'secret' ? Buffer.from(str(v), 'base64').toString('utf8') : str(v);
  return out;
}

/** The variables the pod spec declares for the container, in declaration order (envFrom first). */
export function declaredEnv(input: EnvInput, services: [string, string][]): [string, string][] {
  const ns = str(rec(input.pod.metadata).namespace);
  const vars = new Map<string, string>();
  for (const from of arr(input.container.envFrom)) {
    const kind = from.configMapRef ? 'configMap' : from.secretRef ? 'secret' : undefined;
    if (!kind) continue;
    const data = sourceData(input.reader, ns, kind, str(rec(from[`${kind}Ref`]).name), input.startedAt) ?? {};
    for (const [k, v] of Object.entries(data)) {
      const name = `${str(from.prefix)}${k}`;
      if (VALID.test(name)) vars.set(name, v);
    }
  }
  const lookup = new Map([...services, ...vars]);
  for (const e of arr(input.container.env)) {
    const name = str(e.name);
    let value: string | undefined;
    if (e.valueFrom) {
      const from = rec(e.valueFrom);
      if (from.configMapKeyRef || from.secretKeyRef) {
        const kind = from.configMapKeyRef ? 'configMap' : 'secret';
        const ref = rec(from[`${kind}KeyRef`]);
        value = sourceData(input.reader, ns, kind, str(ref.name), input.startedAt)?.[str(ref.key)];
      } else if (from.fieldRef) value = fieldValue(input.pod, str(rec(from.fieldRef).fieldPath));
      else if (from.resourceFieldRef) {
        const r = rec(from.resourceFieldRef);
        value = resourceValue(input.pod, str(r.containerName) || str(input.container.name), str(r.resource), str(r.divisor) || undefined);
      }
    } else value = expandRefs(str(e.value), lookup);
    if (value === undefined) continue;
    vars.set(name, value);
    lookup.set(name, value);
  }
  return [...vars];
}

export function containerEnv(input: EnvInput): [string, string][] {
  const ns = str(rec(input.pod.metadata).namespace);
  const api = input.reader.services('default').find((s) => str(rec(s.metadata).name) === 'kubernetes');
  const services = serviceEnv(input.pod, input.reader.services(ns), api, input.startedAt);
  const env = new Map<string, string>();
  const imagePath = input.imageEnv.find(([k]) => k === 'PATH')?.[1];
  env.set('PATH', imagePath ?? DEFAULT_PATH);
  env.set('HOSTNAME', input.hostname);
  for (const [k, v] of input.imageEnv) if (k !== 'PATH') env.set(k, v);
  const declared = declaredEnv(input, services);
  for (const [k, v] of declared) env.set(k, v);
  for (const [k, v] of services) if (!declared.some(([d]) => d === k)) env.set(k, v);
  if (!env.has('HOME')) env.set('HOME', input.home);
  return [...env];
}
