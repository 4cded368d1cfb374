/**
 * A ClusterReader for tests: objects in memory that a test changes (`apply`, `remove`), watchers
 * told of each change, and failures on demand.
 */
import { builtinKind } from '../../../src/lib/labs/kinds.ts';
import { matchesSelector, parseSelector } from '../../../src/lib/labs/selector.ts';
import { UnknownKindError } from '../errors.ts';
import type { ClusterReader, K8sObject, ObjectRef } from '../types.ts';

export class FakeCluster implements ClusterReader {
  private objects: K8sObject[] = [];
  private listeners = new Set<() => void>();
  /** Thrown by get and list while set (an unreachable API, say). */
  failure: Error | undefined;
  /** Kinds the cluster does not know (custom resources without their definition). */
  unknownKinds = new Set<string>();
  /** Calls to get and list, for tests that count reads. */
  reads = 0;

  constructor(objects: K8sObject[] = []) {
    for (const o of objects) this.put(o);
  }

  private matches(o: K8sObject, ref: ObjectRef): boolean {
    if ((o.kind ?? '').toLowerCase() !== ref.kind.toLowerCase()) return false;
    const namespaced = builtinKind(ref.kind)?.namespaced ?? true;
    if (namespaced && ref.namespace !== undefined && (o.metadata?.namespace ?? 'default') !== ref.namespace) return false;
    return ref.name === undefined || o.metadata?.name === ref.name;
  }

  private put(obj: K8sObject): void {
    const copy = structuredClone(obj);
    const namespaced = builtinKind(copy.kind ?? '')?.namespaced ?? true;
    if (namespaced) copy.metadata = { ...copy.metadata, namespace: copy.metadata?.namespace ?? 'default' };
    const ref = { kind: copy.kind ?? '', name: copy.metadata?.name ?? '', ...(namespaced ? { namespace: copy.metadata?.namespace as string } : {}) };
    this.objects = this.objects.filter((o) => !this.matches(o, ref));
    this.objects.push(copy);
  }

  /** Creates or replaces an object and tells the watchers. */
  apply(obj: K8sObject): void {
    this.put(obj);
    this.emit();
  }

  remove(kind: string, name: string, namespace = 'default'): void {
    this.objects = this.objects.filter((o) => !this.matches(o, { kind, name, namespace }));
    this.emit();
  }

  /** Tells the watchers something changed (as a watch event would). */
  emit(): void {
    for (const l of [...this.listeners]) l();
  }

  get watchers(): number {
    return this.listeners.size;
  }

  private check(ref: ObjectRef): void {
    this.reads++;
    if (this.failure) throw this.failure;
    if (this.unknownKinds.has(ref.kind)) throw new UnknownKindError(ref.kind, ref.apiVersion ?? 'v1');
  }

  async get(ref: ObjectRef & { name: string }): Promise<K8sObject | undefined> {
    this.check(ref);
    const found = this.objects.find((o) => this.matches(o, ref));
    return found ? structuredClone(found) : undefined;
  }

  async list(ref: ObjectRef): Promise<K8sObject[]> {
    this.check(ref);
    const selector = parseSelector(ref.selector ?? '');
    if (!selector.ok) throw new Error(selector.error);
    return this.objects
      .filter((o) => this.matches(o, { kind: ref.kind, ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}) }))
      .filter((o) => matchesSelector(selector.requirements, o.metadata?.labels as Record<string, string> | undefined))
      .map((o) => structuredClone(o));
  }

  watch(onChange: () => void): () => void {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  }
}
