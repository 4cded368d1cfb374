/** ConfigMaps of a fresh EKS cluster: aws-auth, CoreDNS, kube-proxy, the VPC CNI, and the API server's own. */
import type { KubeObject } from '../meta/types.ts';

const cm = (name: string, namespace: string, data: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, ...(labels ? { labels } : {}) },
  data,
});

/** aws-auth maps every node group's instance role to `system:node:{{EC2PrivateDNSName}}`. */
export function awsAuth(nodeRoleArns: string[]): KubeObject {
  const mapRoles = [...new Set(nodeRoleArns)]
    .map((arn) => `- groups:\n  - system:bootstrappers\n  - system:nodes\n  rolearn: ${arn}\n  username: system:node:{{EC2PrivateDNSName}}\n`)
    .join('');
  return cm('aws-auth', 'kube-system', { mapRoles });
}

export const COREFILE = `.:53 {
    errors
    health {
        lameduck 5s
      }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
      pods insecure
      fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    forward . /etc/resolv.conf
    cache 30
    loop
    reload
    loadbalance
}
`;

function kubeProxyConfig(): string {
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clientConnection:
  acceptContentTypes: ""
  burst: 10
  contentType: application/vnd.kubernetes.protobuf
  kubeconfig: /var/lib/kube-proxy/kubeconfig
  qps: 5
clusterCIDR: ""
configSyncPeriod: 15m0s
conntrack:
  maxPerCore: 32768
  min: 131072
  tcpCloseWaitTimeout: 1h0m0s
  tcpEstablishedTimeout: 24h0m0s
enableProfiling: false
healthzBindAddress: 0.0.0.0:10256
hostnameOverride: ""
iptables:
  masqueradeAll: false
  masqueradeBit: 14
  minSyncPeriod: 0s
  syncPeriod: 30s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  syncPeriod: 30s
kind: KubeProxyConfiguration
metricsBindAddress: 0.0.0.0:10249
mode: "iptables"
nodePortAddresses: null
oomScoreAdj: -998
portRange: ""
udpIdleTimeout: 250ms
`;
}

function kubeProxyKubeconfig(endpoint: string): string {
  return `kind: Config
apiVersion: v1
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${endpoint}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`;
}

export interface ConfigMapInputs {
  endpoint: string;
  caPem: string;
  nodeRoleArns: string[];
  createdDate: string;
}

export function configMaps({ endpoint, caPem, nodeRoleArns, createdDate }: ConfigMapInputs): KubeObject[] {
  const eksLabels = { 'eks.amazonaws.com/component': 'kube-proxy', 'k8s-app': 'kube-proxy' };
  return [
    awsAuth(nodeRoleArns),
    cm('coredns', 'kube-system', { Corefile: COREFILE }, { 'eks.amazonaws.com/component': 'coredns', 'k8s-app': 'kube-dns' }),
    cm('kube-proxy', 'kube-system', { kubeconfig: kubeProxyKubeconfig(endpoint) }, eksLabels),
    cm('kube-proxy-config', 'kube-system', { config: kubeProxyConfig() }, eksLabels),
    cm('amazon-vpc-cni', 'kube-system', {
      'branch-eni-cooldown': '60',
      'enable-network-policy-controller': 'false',
      'enable-windows-ipam': 'false',
      'enable-windows-prefix-delegation': 'false',
      'minimum-ip-target': '3',
      'warm-ip-target': '1',
      'warm-prefix-target': '0',
    }, { 'app.kubernetes.io/instance': 'aws-vpc-cni', 'app.kubernetes.io/name': 'aws-node', 'app.kubernetes.io/version': 'v1.19.2' }),
    cm('extension-apiserver-authentication', 'kube-system', {
      'client-ca-file': caPem,
      'requestheader-allowed-names': '["front-proxy-client"]',
      'requestheader-client-ca-file': caPem,
      'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
      'requestheader-group-headers': '["X-Remote-Group"]',
      'requestheader-username-headers': '["X-Remote-User"]',
    }),
    cm('kube-apiserver-legacy-service-account-token-tracking', 'kube-system', { since: createdDate }),
  ];
}
