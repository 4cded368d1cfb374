import type { Clock } from '../clock.ts';
import type { FieldError } from '../meta/errors.ts';
import type { KubeObject, StoredObject, UserInfo } from '../meta/types.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/** Cluster-wide allocators a strategy may draw from when an object is created. */
export interface Allocators {
  /** A free ClusterIP from the service range (10.100.0.0/16 on EKS). */
  clusterIP(): string;
  /** Claims a ClusterIP the client asked for; false if it is taken. */
  reserveClusterIP(ip: string): boolean;
  releaseClusterIP(ip: string): void;
  /** A free NodePort from 30000–32767. */
  nodePort(): number;
  /** Claims a NodePort the client asked for; false if it is taken. */
  reserveNodePort(port: number): boolean;
  releaseNodePort(port: number): void;
}

export interface StrategyContext {
  clock: Clock;
  /** Read access to the cluster's objects (e.g. to check a ServiceAccount exists). */
  store: ObjectStore;
  allocate: Allocators;
  /** Who is writing; undefined for the cluster's own controllers. */
  user?: UserInfo;
  /** Write nothing and allocate nothing for real. */
  dryRun: boolean;
  /** The subresource written (`status`, `scale`, `finalize`), if any. */
  subresource?: string;
}

/**
 * What a resource type does when it is written, as upstream's registry strategies and built-in
 * admission plugins do. Every hook receives a private copy of the object and may change it.
 */
export interface Strategy {
  /** The type has a status subresource: writes to the object keep its status; writes to /status keep the rest. */
  statusSubresource?: boolean;
  /** `metadata.generation` starts at 1 and increases whenever the spec changes. */
  tracksGeneration?: boolean;
  /** API defaulting, applied to every create and to the result of every update and patch. */
  defaults?(obj: KubeObject, ctx: StrategyContext): void;
  /** Fills what the server decides on create (allocations, admission); after `defaults`, before validation. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** Fills what the server decides on update; after `defaults`, before validation. */
  prepareForUpdate?(obj: KubeObject, old: StoredObject, ctx: StrategyContext): void;
  /** Field validation; `old` is set on updates. An empty list means valid. */
  validate?(obj: KubeObject, old: StoredObject | undefined, ctx: StrategyContext): FieldError[];
  /**
   * Finalizers besides `metadata.finalizers` that keep a deleted object until they are gone
   * (a Namespace's `spec.finalizers`).
   */
  deletionBlockers?(obj: KubeObject): string[];
  /** Why the object may not be deleted at all (admission; e.g. the namespaces every cluster needs), or undefined. */
  deletionForbidden?(obj: StoredObject): string | undefined;
  /** Changes made when a deletion starts but the object stays for a while (a Namespace turns Terminating). */
  prepareForDeletion?(obj: KubeObject, ctx: StrategyContext): void;
  /** Called after the object is gone for good (e.g. to release its ClusterIP). */
  afterDelete?(obj: StoredObject, ctx: StrategyContext): void;
}
