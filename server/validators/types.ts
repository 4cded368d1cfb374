import type { CheckResult, SubResult } from '../../src/lib/labs/api.ts';
import type { Check } from '../../src/schemas/check.ts';

export type { CheckResult, SubResult };

/** A reference to Kubernetes objects, as checks name them. */
export interface ObjectRef {
  kind: string;
  apiVersion?: string;
  namespace?: string;
  name?: string;
  /** Label selector, for lists. */
  selector?: string;
}

/** A Kubernetes object as JSON. */
export type K8sObject = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; [k: string]: unknown }; [k: string]: unknown };

/** Read access to one of the learner's clusters, with the platform's identity. */
export interface ClusterReader {
  get(ref: ObjectRef & { name: string }): Promise<K8sObject | undefined>;
  list(ref: ObjectRef): Promise<K8sObject[]>;
  /** Calls `onChange` after any change to objects in the cluster; returns a function that stops. */
  watch(onChange: () => void): () => void;
}

/** What checks need from the learner's sandbox. */
export interface SandboxAccess {
  run(command: string, opts?: { timeoutMs?: number }): Promise<{ code: number; stdout: string; stderr: string; timedOut: boolean }>;
  readFile(relativePath: string): Promise<string | undefined>;
  /** Shell history, oldest first. */
  history(): Promise<string[]>;
}

/** What the learner's kubectl sent to their clusters (the `Kubectl-Command` header), oldest first. */
export interface CommandLog {
  kubectlCommands(): Promise<string[]>;
}

export interface CheckContext {
  /** By cluster name; the first is the lab's default cluster. */
  clusters: Map<string, ClusterReader>;
  defaultCluster: string;
  sandbox: SandboxAccess;
  commands: CommandLog;
  /** The lab's folder, for validators. */
  labDir: string;
}

/** A TypeScript validator's function (what `defineValidator` wraps). */
export type ValidatorFn = (ctx: {
  cluster: ClusterReader;
  clusters: Map<string, ClusterReader>;
  run: SandboxAccess['run'];
  readFile: SandboxAccess['readFile'];
  history: SandboxAccess['history'];
}) => Promise<SubResult[]>;

export type { Check };
