import type { KubeObject, StoredObject } from '../meta/types.ts';
import type { ResourceDef } from '../registry/types.ts';
import type { Strategy } from '../registry/strategy.ts';

/** Patch content types the API server accepts, as upstream names them. */
export type PatchType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json'
  | 'application/apply-patch+yaml';

export const patchTypes: PatchType[] = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

export interface PatchRequest {
  type: PatchType;
  /** The patch document, already parsed (JSON, or YAML for apply). */
  patch: unknown;
  /** Server-side apply: the field manager and whether to take over conflicting fields. */
  fieldManager?: string;
  force?: boolean;
}

/** Applies a patch to the current object (or to nothing, for an apply that creates). */
export interface Patcher {
  apply(def: ResourceDef, current: StoredObject | undefined, request: PatchRequest): KubeObject;
}

/** Converts objects between a served version and the storage version of a type. */
export interface Converter {
  toStorage(def: ResourceDef, obj: KubeObject): KubeObject;
  fromStorage(def: ResourceDef, obj: StoredObject): StoredObject;
}

/** Schema checks driven by OpenAPI: fields the schema does not know, and duplicate fields. */
export interface SchemaCheck {
  /** Dotted paths (`spec.foo`, `spec.template.spec.containers[0].imagePullPolice`) of fields the schema lacks. */
  unknownFields(def: ResourceDef, obj: unknown): string[];
  /** Removes those fields from `obj` (as decoding drops them) and returns their paths. */
  prune(def: ResourceDef, obj: unknown): string[];
  /** The first value of a type the field cannot hold, as Go's JSON decoder words it; undefined if none. */
  typeError?(def: ResourceDef, obj: unknown): string | undefined;
  /** The same, as the unstructured converter (which decodes strategic-merge results) words it. */
  conversionError?(def: ResourceDef, obj: unknown): string | undefined;
}

/** Records which manager owns which fields (`metadata.managedFields`) for writes that are not applies. */
export interface FieldManagers {
  update(def: ResourceDef, old: KubeObject | undefined, next: KubeObject, manager: string, subresource?: string): unknown[] | undefined;
}

export interface Strategies {
  for(def: ResourceDef): Strategy;
}

/** Pieces with behaviour that a bare ResourceApi does without. */
export const identityConverter: Converter = {
  toStorage: (_def, obj) => obj,
  fromStorage: (_def, obj) => obj,
};

export const noSchemaCheck: SchemaCheck = { unknownFields: () => [], prune: () => [] };

export const noStrategies: Strategies = { for: () => ({}) };

export interface LogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
}

/** Container logs of the simulated kubelet, for `GET …/pods/<name>/log`. */
export interface LogSource {
  /**
   * The log lines so far (each ending in "\n"), or an ApiError as a real kubelet/apiserver answers
   * (e.g. 400 `container "x" in pod "y" is waiting to start: ContainerCreating`, or "a container name
   * must be specified for pod web, choose one of: [a b]").
   */
  read(namespace: string, pod: string, opts: LogOptions): string;
  /** Follows new lines of a running container; returns a function that stops following. `end` fires when the container stops. */
  follow(namespace: string, pod: string, opts: LogOptions, onLine: (line: string) => void, end: () => void): () => void;
}
