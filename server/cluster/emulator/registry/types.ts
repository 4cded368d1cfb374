import type { Verb } from '../apiserver/request-info.ts';
import type { StoredObject } from '../meta/types.ts';
import type { ResourceKey } from '../storage/object-store.ts';

/** A subresource served under a resource, e.g. `deployments/scale` or `pods/log`. */
export interface SubresourceDef {
  name: string;
  /** What the subresource answers with, e.g. autoscaling/v1 Scale for `scale`. Omitted: the parent kind. */
  responseKind?: { group: string; version: string; kind: string };
  verbs: Verb[];
}

/**
 * A resource type served at one group/version: the data discovery, routing, storage and RBAC need.
 * Behaviour (defaults, validation, printing, controllers) lives elsewhere, keyed by the same names.
 */
export interface ResourceDef {
  group: string;
  version: string;
  kind: string;
  /** Plural, lower case: the path segment and the RBAC resource name. */
  resource: string;
  singular: string;
  namespaced: boolean;
  verbs: Verb[];
  shortNames?: string[];
  /** `all` makes `kubectl get all` include the type. */
  categories?: string[];
  subresources?: SubresourceDef[];
  /** Where objects are stored. Two served versions of one type (events and events.k8s.io) share it. */
  storage: ResourceKey;
  /** A deprecated API: the warning every request to it gets (`v1 ComponentStatus is deprecated in v1.19+`). */
  deprecationWarning?: string;
  /** Extra fields a fieldSelector may name, beyond metadata.name and metadata.namespace. */
  selectableFields?: (obj: StoredObject) => Record<string, string>;
  /** Custom resources only: the CRD version's `openAPIV3Schema` and printer columns. */
  custom?: {
    schema?: unknown;
    additionalPrinterColumns?: { name: string; type: string; format?: string; description?: string; priority?: number; jsonPath: string }[];
    /** Name of the CRD that defines the type. */
    crdName: string;
  };
}

export const gvString = (d: { group: string; version: string }) => (d.group ? `${d.group}/${d.version}` : d.version);
