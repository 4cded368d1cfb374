/**
 * Where learners' clusters come from. The embedded backend emulates them in this process; a
 * kubeconfig backend (a later issue) will hand out namespaces of a real cluster. Labs, validators
 * and the sandbox only ever talk to this interface.
 */

export interface NodeGroupSpec {
  name: string;
  instanceType: string;
  desired: number;
  min?: number;
  max?: number;
}

export interface ClusterSpec {
  /** Name the learner sees (`workshop`), unique per owner. */
  name: string;
  region?: string;
  /** Kubernetes minor version, `1.32`. */
  version?: string;
  nodeGroups?: NodeGroupSpec[];
}

export interface ClusterHandle {
  id: string;
  owner: string;
  name: string;
  /** HTTPS URL of the API, as kubeconfigs name it. */
  server: string;
  spec: ClusterSpec;
}

export interface ClusterBackend {
  readonly kind: 'embedded' | 'kubeconfig';
  /** Creates a cluster (or returns the owner's existing one of that name). */
  provision(owner: string, spec: ClusterSpec): Promise<ClusterHandle>;
  get(owner: string, name: string): Promise<ClusterHandle | undefined>;
  list(owner: string): Promise<ClusterHandle[]>;
  remove(owner: string, name: string): Promise<void>;
  /** Kubeconfig for the cluster's owner (what a learner's `kubectl` uses). */
  kubeconfig(handle: ClusterHandle, opts?: { namespace?: string; server?: string }): Promise<string>;
  /** Kubeconfig with the platform's own identity, for validators. */
  adminKubeconfig(handle: ClusterHandle): Promise<string>;
  close(): Promise<void>;
}
