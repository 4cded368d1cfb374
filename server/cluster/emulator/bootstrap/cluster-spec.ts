/** What a cluster is created from: the EKS API's CreateCluster and CreateNodegroup inputs, reduced to what the emulator needs. */
import type { KubeObject } from '../meta/types.ts';

export interface NodeGroupSpec {
  name: string;
  instanceType: string;
  desired: number;
  /** Root volume size in GiB (EKS default 20). */
  diskSize?: number;
  capacityType?: 'ON_DEMAND' | 'SPOT';
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule' }[];
  /** Nodes in private subnets get no public address (eksctl `privateNetworking`). */
  privateNetworking?: boolean;
}

export interface ClusterSpec {
  name: string;
  region: string;
  accountId: string;
  /** Kubernetes minor version, `1.32`. */
  version?: string;
  nodeGroups: NodeGroupSpec[];
  /** VPC CIDR, eksctl's default `192.168.0.0/16`. */
  vpcCidr?: string;
  /** Everything generated (IDs, IPs, names) derives from it; defaults to account/region/name. */
  seed?: string;
  /** eksctl labels its node groups (`alpha.eksctl.io/*`) and names roles `eksctl-<cluster>-nodegroup-…`. */
  createdBy?: 'eksctl' | 'console';
  /** The Amazon EBS CSI driver add-on: dynamic provisioning for gp2 claims. */
  ebsCsiDriver?: boolean;
  /** PEM of the cluster CA, for the ConfigMaps that carry it; a placeholder when omitted. */
  caPem?: string;
  /** RBAC bootstrap policy (another module's `bootstrapPolicy()`): appended to the objects as given. */
  policy?: () => KubeObject[];
}

export interface ResolvedSpec extends Required<Omit<ClusterSpec, 'policy' | 'caPem'>> {
  policy?: () => KubeObject[];
  caPem?: string;
}

export function resolveSpec(spec: ClusterSpec): ResolvedSpec {
  return {
    version: '1.32',
    vpcCidr: '192.168.0.0/16',
    seed: `${spec.accountId}/${spec.region}/${spec.name}`,
    createdBy: 'eksctl',
    ebsCsiDriver: false,
    ...spec,
  } as ResolvedSpec;
}
