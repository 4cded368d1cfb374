/**
 * Which objects a check looks at, resolved against the lab: kind and version (built-in kinds need no
 * `apiVersion`), namespace (default `default`), cluster (default the lab's first) — and how to name
 * them to a learner: `deployment/web (namespace shop)`, `deployments in namespace shop`.
 */
import { pluralOf, resolveKind } from '../../src/lib/labs/kinds.ts';
import { isUnknownKind } from './errors.ts';
import type { CheckContext, ClusterReader, K8sObject, ObjectRef } from './types.ts';
import { article } from './text.ts';

export interface Target {
  reader: ClusterReader;
  cluster: string;
  /** Whether the check names a cluster other than the lab's first (then messages name it). */
  otherCluster: boolean;
  kind: string;
  apiVersion: string;
  /** Undefined for cluster-scoped kinds. */
  namespace?: string;
}

export interface TargetRef {
  kind: string;
  apiVersion?: string;
  namespace?: string;
  cluster?: string;
}

export function targetOf(ref: TargetRef, ctx: CheckContext): Target {
  const resolved = resolveKind(ref.kind, ref.apiVersion);
  if (!resolved) throw new Error(`the kind "${ref.kind}" is not built in: the check needs an apiVersion`);
  const cluster = ref.cluster ?? ctx.defaultCluster;
  const reader = ctx.clusters.get(cluster);
  if (!reader) throw new Error(`the lab has no cluster "${cluster}"`);
  // Custom kinds are taken as namespaced; a cluster-scoped one's reader ignores the namespace.
  const namespaced = resolved.builtin ? resolved.builtin.namespaced : true;
  return {
    reader,
    cluster,
    otherCluster: cluster !== ctx.defaultCluster,
    kind: resolved.kind,
    apiVersion: resolved.apiVersion,
    ...(namespaced ? { namespace: ref.namespace ?? 'default' } : {}),
  };
}

/** The reference a ClusterReader takes. */
export function refOf(t: Target, more: { name?: string; selector?: string } = {}): ObjectRef {
  return {
    kind: t.kind,
    apiVersion: t.apiVersion,
    ...(t.namespace !== undefined ? { namespace: t.namespace } : {}),
    ...(more.name !== undefined ? { name: more.name } : {}),
    ...(more.selector ? { selector: more.selector } : {}),
  };
}

/** The target's objects (with labels matching `selector`); none when the cluster has no such kind yet (a CRD not applied). */
export async function listOrNone(t: Target, selector: string | undefined): Promise<K8sObject[]> {
  try {
    return await t.reader.list(refOf(t, selector ? { selector } : {}));
  } catch (e) {
    if (isUnknownKind(e)) return [];
    throw e;
  }
}

function scope(t: Target): string[] {
  return [...(t.namespace !== undefined ? [`namespace ${t.namespace}`] : []), ...(t.otherCluster ? [`cluster ${t.cluster}`] : [])];
}

/** `deployment/web (namespace shop)`, `namespace/shop`, `node/ip-1 (cluster prod)`. */
export function objectSubject(t: Target, name: string): string {
  const s = scope(t);
  return `${t.kind.toLowerCase()}/${name}${s.length ? ` (${s.join(', ')})` : ''}`;
}

/** ` in namespace shop`, ` in namespace shop of cluster prod`, or nothing. */
export function whereText(t: Target): string {
  const ns = t.namespace !== undefined ? ` in namespace ${t.namespace}` : '';
  return t.otherCluster ? `${ns}${ns ? ' of' : ' in'} cluster ${t.cluster}` : ns;
}

/** `a Deployment named web in namespace shop`. */
export function aNamed(t: Target, name: string): string {
  return `${article(t.kind)} named ${name}${whereText(t)}`;
}

/** `deployments in namespace shop`, `pods with labels app=web in namespace shop`. */
export function collection(t: Target, selector?: string): string {
  return `${pluralOf(t.kind)}${selector ? ` with labels ${selector}` : ''}${whereText(t)}`;
}

/** Name of an object, for lists. */
export function nameOf(obj: { metadata?: { name?: string } }): string {
  return obj.metadata?.name ?? '?';
}

/** Objects being deleted count as gone for absent and count checks. */
export function isTerminating(obj: { metadata?: { [k: string]: unknown } }): boolean {
  return obj.metadata?.deletionTimestamp !== undefined && obj.metadata?.deletionTimestamp !== null;
}
