/** Read access to the cluster objects an exec session needs, over the emulator's ObjectStore. */
import type { KubeObject } from '../../meta/types.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import type { SourceHistory } from './source-history.ts';

/** Loosely typed object: the simulation reads fields by path. */
export type Obj = KubeObject & Record<string, unknown>;

export interface ClusterReader {
  pod(namespace: string, name: string): Obj | undefined;
  pods(namespace?: string): Obj[];
  services(namespace?: string): Obj[];
  configMap(namespace: string, name: string): Obj | undefined;
  secret(namespace: string, name: string): Obj | undefined;
  /** A ConfigMap or Secret as it was at `at` (ms): what a container started then was given as env. */
  sourceAt(kind: 'configMap' | 'secret', namespace: string, name: string, at: number): Obj | undefined;
  node(name: string): Obj | undefined;
  serviceAccount(namespace: string, name: string): Obj | undefined;
}

const core = (resource: string) => ({ group: '', resource });

export function storeReader(store: ObjectStore, history?: SourceHistory): ClusterReader {
  return {
    sourceAt: (kind, ns, name, at) =>
      (history
        ? history.at(kind === 'configMap' ? 'configmaps' : 'secrets', ns, name, at)
        : store.get(core(kind === 'configMap' ? 'configmaps' : 'secrets'), ns, name)) as Obj | undefined,
    pod: (ns, name) => store.get(core('pods'), ns, name) as Obj | undefined,
    pods: (ns) => store.list(core('pods'), ns) as Obj[],
    services: (ns) => store.list(core('services'), ns) as Obj[],
    configMap: (ns, name) => store.get(core('configmaps'), ns, name) as Obj | undefined,
    secret: (ns, name) => store.get(core('secrets'), ns, name) as Obj | undefined,
    node: (name) => store.get(core('nodes'), undefined, name) as Obj | undefined,
    serviceAccount: (ns, name) => store.get(core('serviceaccounts'), ns, name) as Obj | undefined,
  };
}

/** Small readers for loosely typed JSON. */
export const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
export const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.map(rec) : []);
export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
