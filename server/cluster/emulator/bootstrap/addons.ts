/** The default add-ons' workloads: CoreDNS (Deployment), the VPC CNI and kube-proxy (DaemonSets), optionally the EBS CSI driver. */
import type { KubeObject } from '../meta/types.ts';
import type { ResolvedSpec } from './cluster-spec.ts';
import { eksVersion, imageOf } from './versions.ts';

const linuxAmd64Affinity = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [
        {
          matchExpressions: [
            { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
            { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] },
          ],
        },
      ],
    },
  },
};

const daemonNodeAffinity = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [
        {
          matchExpressions: [
            { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
            { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] },
            { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate', 'hybrid', 'auto'] },
          ],
        },
      ],
    },
  },
};

const envFromField = (name: string, path: string) => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: path } } });

/** The CoreDNS add-on keeps one replica serving through voluntary disruptions such as `kubectl drain`. */
export function corednsDisruptionBudget(): KubeObject {
  const labels = { 'eks.amazonaws.com/component': 'coredns', 'k8s-app': 'kube-dns' };
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'coredns', namespace: 'kube-system', labels },
    spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
  };
}

export function coredns(spec: ResolvedSpec): KubeObject {
  const labels = { 'eks.amazonaws.com/component': 'coredns', 'k8s-app': 'kube-dns' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { ...labels, 'kubernetes.io/name': 'CoreDNS' } },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          affinity: {
            ...linuxAmd64Affinity,
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  podAffinityTerm: {
                    labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                  weight: 100,
                },
              ],
            },
          },
          containers: [
            {
              name: 'coredns',
              image: imageOf(spec.region, eksVersion(spec.version).addons.coredns),
              imagePullPolicy: 'IfNotPresent',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              livenessProbe: {
                httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
                initialDelaySeconds: 60,
                timeoutSeconds: 5,
                periodSeconds: 10,
                successThreshold: 1,
                failureThreshold: 5,
              },
              readinessProbe: {
                httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' },
                timeoutSeconds: 1,
                periodSeconds: 10,
                successThreshold: 1,
                failureThreshold: 3,
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                readOnlyRootFilesystem: true,
              },
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
            },
          ],
          dnsPolicy: 'Default',
          priorityClassName: 'system-cluster-critical',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          serviceAccountName: 'coredns',
          terminationGracePeriodSeconds: 30,
          tolerations: [
            { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
          ],
          topologySpreadConstraints: [
            { labelSelector: { matchLabels: labels }, maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' },
          ],
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', defaultMode: 420, items: [{ key: 'Corefile', path: 'Corefile' }] } }],
        },
      },
    },
  };
}

export function awsNode(spec: ResolvedSpec): KubeObject {
  const v = eksVersion(spec.version).addons;
  const labels = { 'k8s-app': 'aws-node' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'aws-node',
      namespace: 'kube-system',
      labels: { 'app.kubernetes.io/instance': 'aws-vpc-cni', 'app.kubernetes.io/name': 'aws-node', 'app.kubernetes.io/version': 'v1.19.2', 'k8s-app': 'aws-node' },
    },
    spec: {
      revisionHistoryLimit: 10,
      selector: { matchLabels: labels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/instance': 'aws-vpc-cni', 'app.kubernetes.io/name': 'aws-node', 'k8s-app': 'aws-node' } },
        spec: {
          affinity: daemonNodeAffinity,
          initContainers: [
            {
              name: 'aws-vpc-cni-init',
              image: imageOf(spec.region, v.vpcCniInit),
              imagePullPolicy: 'IfNotPresent',
              env: [{ name: 'DISABLE_TCP_EARLY_DEMUX', value: 'false' }, { name: 'ENABLE_IPv6', value: 'false' }],
              resources: { requests: { cpu: '25m' } },
              securityContext: { privileged: true },
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              volumeMounts: [{ mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' }],
            },
          ],
          containers: [
            {
              name: 'aws-node',
              image: imageOf(spec.region, v.vpcCni),
              imagePullPolicy: 'IfNotPresent',
              env: [
                { name: 'ADDITIONAL_ENI_TAGS', value: '{}' },
                { name: 'AWS_VPC_CNI_NODE_PORT_SUPPORT', value: 'true' },
                { name: 'AWS_VPC_ENI_MTU', value: '9001' },
                { name: 'AWS_VPC_K8S_CNI_EXTERNALSNAT', value: 'false' },
                { name: 'AWS_VPC_K8S_CNI_LOGLEVEL', value: 'DEBUG' },
                { name: 'AWS_VPC_K8S_CNI_LOG_FILE', value: '/host/var/log/aws-routed-eni/ipamd.log' },
                { name: 'AWS_VPC_K8S_CNI_VETHPREFIX', value: 'eni' },
                { name: 'ENABLE_IPv4', value: 'true' },
                { name: 'ENABLE_IPv6', value: 'false' },
                { name: 'ENABLE_PREFIX_DELEGATION', value: 'false' },
                { name: 'VPC_CNI_VERSION', value: 'v1.19.2' },
                { name: 'WARM_ENI_TARGET', value: '1' },
                envFromField('MY_NODE_NAME', 'spec.nodeName'),
                envFromField('MY_POD_NAME', 'metadata.name'),
              ],
              livenessProbe: {
                exec: { command: ['/app/grpc-health-probe', '-addr=:50051', '-connect-timeout=5s', '-rpc-timeout=5s'] },
                initialDelaySeconds: 60,
                timeoutSeconds: 10,
                periodSeconds: 10,
                successThreshold: 1,
                failureThreshold: 3,
              },
              readinessProbe: {
                exec: { command: ['/app/grpc-health-probe', '-addr=:50051', '-connect-timeout=5s', '-rpc-timeout=5s'] },
                initialDelaySeconds: 1,
                timeoutSeconds: 10,
                periodSeconds: 10,
                successThreshold: 1,
                failureThreshold: 3,
              },
              ports: [{ containerPort: 61678, name: 'metrics', protocol: 'TCP' }],
              resources: { requests: { cpu: '25m' } },
              securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              volumeMounts: [
                { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' },
                { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir' },
                { mountPath: '/host/var/log/aws-routed-eni', name: 'log-dir' },
                { mountPath: '/var/run/aws-node', name: 'run-dir' },
                { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
              ],
            },
            {
              name: 'aws-eks-nodeagent',
              image: imageOf(spec.region, v.networkPolicyAgent),
              imagePullPolicy: 'Always',
              args: ['--enable-ipv6=false', '--enable-network-policy=false', '--enable-cloudwatch-logs=false', '--enable-policy-event-logs=false', '--log-file=/var/log/aws-routed-eni/network-policy-agent.log', '--metrics-bind-addr=:8162', '--health-probe-bind-addr=:8163', '--conntrack-cache-cleanup-period=300'],
              env: [envFromField('MY_NODE_NAME', 'spec.nodeName')],
              resources: { requests: { cpu: '25m' } },
              securityContext: { capabilities: { add: ['NET_ADMIN'] }, privileged: true },
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              volumeMounts: [
                { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' },
                { mountPath: '/sys/fs/bpf', name: 'bpf-pin-path' },
                { mountPath: '/var/log/aws-routed-eni', name: 'log-dir' },
                { mountPath: '/var/run/aws-node', name: 'run-dir' },
              ],
            },
          ],
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          serviceAccountName: 'aws-node',
          terminationGracePeriodSeconds: 10,
          tolerations: [{ operator: 'Exists' }],
          volumes: [
            { name: 'bpf-pin-path', hostPath: { path: '/sys/fs/bpf', type: '' } },
            { name: 'cni-bin-dir', hostPath: { path: '/opt/cni/bin', type: '' } },
            { name: 'cni-net-dir', hostPath: { path: '/etc/cni/net.d', type: '' } },
            { name: 'log-dir', hostPath: { path: '/var/log/aws-routed-eni', type: 'DirectoryOrCreate' } },
            { name: 'run-dir', hostPath: { path: '/var/run/aws-node', type: 'DirectoryOrCreate' } },
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
          ],
        },
      },
    },
  };
}

export function kubeProxy(spec: ResolvedSpec): KubeObject {
  const labels = { 'k8s-app': 'kube-proxy' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'eks.amazonaws.com/component': 'kube-proxy', 'k8s-app': 'kube-proxy' } },
    spec: {
      revisionHistoryLimit: 10,
      selector: { matchLabels: labels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' } },
      template: {
        metadata: { labels },
        spec: {
          affinity: daemonNodeAffinity,
          containers: [
            {
              name: 'kube-proxy',
              image: imageOf(spec.region, eksVersion(spec.version).addons.kubeProxy),
              imagePullPolicy: 'IfNotPresent',
              command: ['kube-proxy', '--v=2', '--config=/var/lib/kube-proxy-config/config', '--hostname-override=$(NODE_NAME)'],
              env: [envFromField('NODE_NAME', 'spec.nodeName')],
              resources: { requests: { cpu: '100m' } },
              securityContext: { privileged: true },
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              volumeMounts: [
                { mountPath: '/var/log', name: 'varlog' },
                { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
                { mountPath: '/var/lib/kube-proxy/', name: 'kubeconfig' },
                { mountPath: '/var/lib/kube-proxy-config/', name: 'config' },
              ],
            },
          ],
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          serviceAccountName: 'kube-proxy',
          terminationGracePeriodSeconds: 30,
          tolerations: [{ operator: 'Exists' }],
          volumes: [
            { name: 'varlog', hostPath: { path: '/var/log', type: '' } },
            { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            { name: 'lib-modules', hostPath: { path: '/lib/modules', type: '' } },
            { name: 'kubeconfig', configMap: { name: 'kube-proxy', defaultMode: 420 } },
            { name: 'config', configMap: { name: 'kube-proxy-config', defaultMode: 420 } },
          ],
        },
      },
    },
  };
}

/** The EBS CSI driver add-on: its controller Deployment and node DaemonSet (driver containers only). */
export function ebsCsiDriver(spec: ResolvedSpec): KubeObject[] {
  const image = imageOf(spec.region, eksVersion(spec.version).addons.ebsCsiDriver);
  const common = { 'app.kubernetes.io/component': 'csi-driver', 'app.kubernetes.io/managed-by': 'EKS', 'app.kubernetes.io/name': 'aws-ebs-csi-driver', 'app.kubernetes.io/version': '1.41.0' };
  const plugin = (args: string[]) => ({
    name: 'ebs-plugin',
    image,
    imagePullPolicy: 'IfNotPresent',
    args,
    ports: [{ containerPort: 9808, name: 'healthz', protocol: 'TCP' }],
    livenessProbe: { httpGet: { path: '/healthz', port: 'healthz', scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 5, successThreshold: 1 },
    resources: { limits: { memory: '256Mi' }, requests: { cpu: '10m', memory: '40Mi' } },
  });
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ebs-csi-controller', namespace: 'kube-system', labels: common },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'ebs-csi-controller', 'app.kubernetes.io/name': 'aws-ebs-csi-driver' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: { ...common, app: 'ebs-csi-controller' } },
          spec: {
            containers: [plugin(['controller', '--endpoint=$(CSI_ENDPOINT)', '--batching=true', '--logging-format=text', '--v=2'])],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'ebs-csi-controller-sa',
            tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists', tolerationSeconds: 300 }],
          },
        },
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ebs-csi-node', namespace: 'kube-system', labels: common },
      spec: {
        selector: { matchLabels: { app: 'ebs-csi-node', 'app.kubernetes.io/name': 'aws-ebs-csi-driver' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
        template: {
          metadata: { labels: { ...common, app: 'ebs-csi-node' } },
          spec: {
            affinity: daemonNodeAffinity,
            containers: [plugin(['node', '--endpoint=$(CSI_ENDPOINT)', '--logging-format=text', '--v=2'])],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'ebs-csi-node-sa',
            tolerations: [{ operator: 'Exists' }],
          },
        },
      },
    },
  ];
}
