import { stringify } from 'yaml';

export interface KubeconfigCluster {
  /** Name used for the cluster, user and context entries (EKS uses the cluster ARN). */
  name: string;
  server: string;
  caPem: string;
  user: { token: string } | { exec: ExecCredentialPlugin };
  namespace?: string;
  userName?: string;
  contextName?: string;
}

/** A client.authentication.k8s.io exec plugin, as `aws eks update-kubeconfig` writes it. */
export interface ExecCredentialPlugin {
  apiVersion: string;
  command: string;
  args: string[];
  env?: { name: string; value: string }[] | null;
  interactiveMode?: string;
  provideClusterInfo?: boolean;
}

/** A kubeconfig holding one or more clusters; the first becomes the current context. */
export function renderKubeconfig(clusters: KubeconfigCluster[]): string {
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: clusters.map((c) => ({
      name: c.name,
      cluster: { server: c.server, 'certificate-authority-data': Buffer.from(c.caPem).toString('base64') },
    })),
    users: clusters.map((c) => ({ name: c.userName ?? c.name, user: c.user })),
    contexts: clusters.map((c) => ({
      name: c.contextName ?? c.name,
      context: { cluster: c.name, user: c.userName ?? c.name, ...(c.namespace ? { namespace: c.namespace } : {}) },
    })),
    'current-context': clusters[0] ? (clusters[0].contextName ?? clusters[0].name) : '',
  };
  return stringify(doc, { lineWidth: 0 });
}
