import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { LabDefinition } from '../../src/lib/labs/definition.ts';
import type { ClusterBackend, ClusterHandle } from '../cluster/backend.ts';
import { renderKubeconfig } from '../cluster/kubeconfig.ts';
import type { SandboxSpec } from '../sandbox/driver.ts';
import { SANDBOX_API_URL, SANDBOX_HOME } from '../sandbox/bubblewrap/layout.ts';
import { copyIntoHome, ensureHome, learnerPaths, writeHomeFile, type LearnerPaths } from './learner-files.ts';

/** A learner's prepared lab: their clusters, their home, their shell's environment. */
export interface LabEnvironment {
  paths: LearnerPaths;
  /** In setup order; the first is the lab's default cluster. */
  clusters: { name: string; handle: ClusterHandle }[];
  env: Record<string, string>;
}

export interface EnvironmentDeps {
  backend: ClusterBackend;
  dataDir: string;
  /** The projects's labs folder. */
  labsDir: string;
}

/** The backend's name for a lab's cluster: a learner has one `workshop` cluster per lab. */
export function backendClusterName(lab: string, cluster: string): string {
  return `${lab}.${cluster}`;
}

/** The environment of an already prepared lab (after a restart); only the home's permissions are made sure of. */
export async function existingEnvironment(deps: EnvironmentDeps, learnerId: string, uid: number | undefined, lab: LabDefinition): Promise<LabEnvironment> {
  const clusters = [];
  for (const c of lab.setup.clusters) {
    const handle = await deps.backend.get(learnerId, backendClusterName(lab.name, c.name));
    if (!handle) throw new Error(`the cluster "${c.name}" of this lab is gone`);
    clusters.push({ name: c.name, handle });
  }
  const paths = learnerPaths(deps.dataDir, learnerId, lab.name);
  await ensureHome(paths.home, uid);
  return { paths, clusters, env: shellEnv(lab) };
}

/**
 * Performs a lab's setup for a learner: provisions its clusters, applies its objects, fills the home
 * (kubeconfig, files). Idempotent for clusters (an existing one is reused as it is).
 */
export async function prepareEnvironment(deps: EnvironmentDeps, learnerId: string, uid: number | undefined, lab: LabDefinition): Promise<LabEnvironment> {
  const paths = learnerPaths(deps.dataDir, learnerId, lab.name);
  const clusters: LabEnvironment['clusters'] = [];
  for (const c of lab.setup.clusters) {
    const name = backendClusterName(lab.name, c.name);
    const existed = await deps.backend.get(learnerId, name);
    const handle = existed ?? (await deps.backend.provision(learnerId, { name, nodeGroups: c.nodeGroups }));
    clusters.push({ name: c.name, handle });
    if (!existed && clusters.length === 1 && lab.setup.objects.length > 0) {
      await applyObjects(await deps.backend.adminKubeconfig(handle), await readManifests(deps.labsDir, lab), lab.setup.namespace);
    }
  }
  await ensureHome(paths.home, uid);
  await writeHomeFile(paths.home, '.kube/config', await learnerKubeconfig(deps.backend, clusters, lab.setup.namespace), uid, 0o600);
  for (const f of lab.setup.files) {
    await copyIntoHome(paths.home, path.join(deps.labsDir, lab.name, f.from), f.to ?? path.basename(f.from), uid);
  }
  return { paths, clusters, env: shellEnv(lab) };
}

/**
 * The sandbox of a learner's prepared lab (their shell, and the commands checks run), as `uid`; the
 * server's own user when `uid` is undefined (a server not running as root).
 */
export function labSandboxSpec(learnerId: string, uid: number | undefined, lab: string, env: LabEnvironment): Omit<SandboxSpec, 'cols' | 'rows'> {
  return { learnerId, uid: uid ?? process.getuid?.() ?? 1000, lab, home: env.paths.home, env: env.env, apiSocket: env.paths.apiSocket };
}

function shellEnv(lab: LabDefinition): Record<string, string> {
  return { ...lab.setup.env, KUBECONFIG: `${SANDBOX_HOME}/.kube/config` };
}

/**
 * The learner's kubeconfig: one context per cluster, named as the lab names them, reached through the
 * sandbox's forwarder. The lab's first cluster is named as EKS names an API server, a URL without a path
 * (the learner's socket finds it by its token), so that `kubectl get --raw /readyz` works; the others keep
 * their `/clusters/<id>` path, which also keeps kubectl's discovery caches apart.
 */
async function learnerKubeconfig(backend: ClusterBackend, clusters: LabEnvironment['clusters'], namespace: string | undefined): Promise<string> {
  const entries = [];
  for (const [i, { name, handle }] of clusters.entries()) {
    const own = await backend.kubeconfig(handle);
    const cluster = parseSingleKubeconfig(own);
    entries.push({
      name,
      server: i === 0 ? SANDBOX_API_URL : `${SANDBOX_API_URL}${new URL(handle.server).pathname}`,
      caPem: cluster.caPem,
      user: { token: cluster.token },
      ...(namespace ? { namespace } : {}),
    });
  }
  return renderKubeconfig(entries);
}

function parseSingleKubeconfig(text: string): { caPem: string; token: string } {
  const kc = new KubeConfig();
  kc.loadFromString(text);
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (!cluster?.caData || !user?.token) throw new Error('the backend gave a kubeconfig without CA data or token');
  return { caPem: Buffer.from(cluster.caData, 'base64').toString('utf8'), token: user.token };
}

async function readManifests(labsDir: string, lab: LabDefinition): Promise<KubernetesObject[]> {
  const objects: KubernetesObject[] = [];
  for (const file of lab.setup.objects) {
    const text = await readFile(path.join(labsDir, lab.name, file), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]!.message}`);
      const obj = doc.toJS() as KubernetesObject | null;
      if (obj) objects.push(obj);
    }
  }
  return objects;
}

/** Creates the objects in order with the platform's identity (namespaces first, as a file lists them). */
async function applyObjects(kubeconfig: string, objects: KubernetesObject[], namespace: string | undefined): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfig);
  const client = KubernetesObjectApi.makeApiClient(kc);
  for (const obj of objects) {
    if (namespace && !obj.metadata?.namespace && obj.kind !== 'Namespace') obj.metadata = { ...obj.metadata, namespace };
    try {
      await client.create(obj);
    } catch (err) {
      const body = (err as { body?: unknown }).body;
      const message = typeof body === 'string' ? body : JSON.stringify(body ?? String(err));
      // A second start after a partial setup finds some objects there already.
      if (message.includes('AlreadyExists')) continue;
      throw new Error(`setup: creating ${obj.kind}/${obj.metadata?.name ?? '?'} failed: ${message}`);
    }
  }
}
