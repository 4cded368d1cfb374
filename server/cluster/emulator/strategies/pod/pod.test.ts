import { describe, expect, it } from 'vitest';
import { NOW, testCluster, withoutIdentity } from '../testing.ts';

const pod = (spec: object, name = 'web', metadata: object = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...metadata }, spec });
const nginx = { name: 'web', image: 'nginx' };

function createPod(body: object) {
  const c = testCluster();
  return { c, created: c.create('', 'v1', 'pods', body) };
}

function invalid(spec: object, name = 'web'): string {
  const c = testCluster();
  const err = c.fails(() => c.create('', 'v1', 'pods', pod(spec, name)));
  expect(err.code).toBe(422);
  return err.message;
}

describe('Pod defaulting and admission', () => {
  it('returns what a real API server stores for a minimal pod', () => {
    const { created } = createPod(pod({ containers: [nginx] }));
    const volume = (created.spec as { volumes: { name: string }[] }).volumes[0]!.name;
    expect(volume).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(withoutIdentity(created)).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: NOW },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx',
            imagePullPolicy: 'Always',
            resources: {},
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: volume, readOnly: true }],
          },
        ],
        dnsPolicy: 'ClusterFirst',
        enableServiceLinks: true,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 0,
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        serviceAccount: 'default',
        serviceAccountName: 'default',
        terminationGracePeriodSeconds: 30,
        tolerations: [
          { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
          { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
        ],
        volumes: [
          {
            name: volume,
            projected: {
              defaultMode: 420,
              sources: [
                { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
                { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
                { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
              ],
            },
          },
        ],
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
  });

  it('defaults probes, ports, volumes and the pull policy by tag', () => {
    const { created } = createPod(
      pod({
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            readinessProbe: { httpGet: { path: '/', port: 80 } },
            volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }],
            resources: { limits: { cpu: '500m', memory: '128Mi' } },
          },
          { name: 'side', image: 'busybox:latest', command: ['sleep', '3600'] },
        ],
        volumes: [
          { name: 'cfg', configMap: { name: 'cfg' } },
          { name: 'tls', secret: { secretName: 'tls' } },
          { name: 'scratch', emptyDir: {} },
        ],
      }),
    );
    const spec = created.spec as { containers: Record<string, unknown>[]; volumes: Record<string, unknown>[] };
    expect(spec.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
      readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
      resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } },
    });
    expect(spec.containers[1]).toMatchObject({ imagePullPolicy: 'Always' });
    expect(spec.volumes.slice(0, 3)).toEqual([
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'tls', secret: { secretName: 'tls', defaultMode: 420 } },
      { name: 'scratch', emptyDir: {} },
    ]);
    expect(created.status).toEqual({ phase: 'Pending', qosClass: 'Burstable' });
  });

  it('computes the Guaranteed QoS class', () => {
    const resources = { limits: { cpu: '1', memory: '1Gi' } };
    const { created } = createPod(pod({ containers: [{ ...nginx, resources }] }));
    expect(created.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it('leaves the token out when automounting is off, and keeps a pod-level toleration', () => {
    const { created } = createPod(
      pod({
        automountServiceAccountToken: false,
        containers: [nginx],
        tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
      }),
    );
    const spec = created.spec as Record<string, unknown>;
    expect(spec.volumes).toBeUndefined();
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('refuses a missing ServiceAccount and an unknown PriorityClass with 403', () => {
    const c = testCluster();
    const sa = c.fails(() => c.create('', 'v1', 'pods', pod({ serviceAccountName: 'missing', containers: [nginx] }, 'x')));
    expect(sa.code).toBe(403);
    expect(sa.message).toBe('pods "x" is forbidden: error looking up service account default/missing: serviceaccount "missing" not found');
    const pc = c.fails(() => c.create('', 'v1', 'pods', pod({ priorityClassName: 'foo', containers: [nginx] }, 'x')));
    expect(pc.code).toBe(403);
    expect(pc.message).toBe('pods "x" is forbidden: no PriorityClass with name foo was found');
  });

  it('resolves a PriorityClass to its value', () => {
    const c = testCluster();
    c.create('scheduling.k8s.io', 'v1', 'priorityclasses', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
    const created = c.create('', 'v1', 'pods', pod({ priorityClassName: 'high', containers: [nginx] }));
    expect(created.spec).toMatchObject({ priorityClassName: 'high', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' });
  });
});

describe('Pod validation messages', () => {
  it('requires containers and images', () => {
    expect(invalid({ containers: [] })).toBe('Pod "web" is invalid: spec.containers: Required value');
    expect(invalid({ containers: [{ name: 'web' }] })).toBe('Pod "web" is invalid: spec.containers[0].image: Required value');
  });

  it('checks container names', () => {
    expect(invalid({ containers: [{ name: 'Web', image: 'nginx' }] })).toBe(
      'Pod "web" is invalid: spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')',
    );
    expect(invalid({ containers: [nginx, nginx] })).toBe('Pod "web" is invalid: spec.containers[1].name: Duplicate value: "web"');
  });

  it('checks ports', () => {
    expect(invalid({ containers: [{ ...nginx, ports: [{ containerPort: 70000 }] }] })).toBe(
      'Pod "web" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
  });

  it('checks requests against limits', () => {
    expect(invalid({ containers: [{ ...nginx, resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }] })).toBe(
      'Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    );
  });

  it('checks volume mounts against volumes', () => {
    expect(invalid({ containers: [{ ...nginx, volumeMounts: [{ name: 'data', mountPath: '/data' }] }] })).toBe(
      'Pod "web" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"',
    );
  });

  it('checks the restart policy', () => {
    expect(invalid({ restartPolicy: 'Sometimes', containers: [nginx] })).toBe(
      'Pod "web" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
  });

  it('checks label syntax', () => {
    const c = testCluster();
    const err = c.fails(() => c.create('', 'v1', 'pods', pod({ containers: [nginx] }, 'web', { labels: { app: 'bad value' } })));
    expect(err.message).toBe(
      'Pod "web" is invalid: metadata.labels: Invalid value: "bad value": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
    );
  });
});

describe('Pod updates', () => {
  it('lets the image change', () => {
    const { c, created } = createPod(pod({ containers: [nginx] }));
    const next = structuredClone(created) as typeof created & { spec: { containers: { image: string }[] } };
    next.spec.containers[0]!.image = 'nginx:1.27';
    const updated = c.api.update(c.def('', 'v1', 'pods'), 'default', 'web', next).object;
    expect((updated.spec as { containers: { image: string }[] }).containers[0]!.image).toBe('nginx:1.27');
  });

  it('forbids other changes with the list of updatable fields and a go-cmp diff', () => {
    const { c, created } = createPod(pod({ containers: [nginx] }));
    const volume = (created.spec as { volumes: { name: string }[] }).volumes[0]!.name;
    const next = structuredClone(created) as typeof created & { spec: { containers: Record<string, unknown>[] } };
    next.spec.containers[0]!.ports = [{ containerPort: 80 }];
    const err = c.fails(() => c.api.update(c.def('', 'v1', 'pods'), 'default', 'web', next));
    expect(err.code).toBe(422);
    expect(err.message).toBe(
      [
        'Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
        '  core.PodSpec{',
        `  \tVolumes:        {{Name: "${volume}", VolumeSource: {Projected: &{Sources: {{ServiceAccountToken: &{ExpirationSeconds: 3607, Path: "token"}}, {ConfigMap: &{LocalObjectReference: {Name: "kube-root-ca.crt"}, Items: {{Key: "ca.crt", Path: "ca.crt"}}}}, {DownwardAPI: &{Items: {{Path: "namespace", FieldRef: &{APIVersion: "v1", FieldPath: "metadata.namespace"}}}}}}, DefaultMode: &420}}}},`,
        '  \tInitContainers: nil,',
        '  \tContainers: []core.Container{',
        '  \t\t{',
        '  \t\t\t... // 3 identical fields',
        '  \t\t\tArgs:       nil,',
        '  \t\t\tWorkingDir: "",',
        '- \t\t\tPorts:      nil,',
        '+ \t\t\tPorts:      []core.ContainerPort{{ContainerPort: 80, Protocol: "TCP"}},',
        '  \t\t\tEnvFrom:    nil,',
        '  \t\t\tEnv:        nil,',
        '  \t\t\t... // 16 identical fields',
        '  \t\t},',
        '  \t},',
        '  \tEphemeralContainers: nil,',
        '  \tRestartPolicy:       "Always",',
        '  \t... // 29 identical fields',
        '  }',
        '',
      ].join('\n'),
    );
  });

  it('shows a changed quantity inside the resources struct', () => {
    const { c, created } = createPod(pod({ containers: [{ ...nginx, resources: { limits: { cpu: '500m' } } }] }));
    const next = structuredClone(created) as typeof created & { spec: { containers: { resources: { limits: Record<string, string> } }[] } };
    next.spec.containers[0]!.resources.limits.cpu = '1';
    const err = c.fails(() => c.api.update(c.def('', 'v1', 'pods'), 'default', 'web', next));
    expect(err.message).toContain(
      [
        '  \t\t\tResources: core.ResourceRequirements{',
        '- \t\t\t\tLimits: core.ResourceList{',
        '- \t\t\t\t\t"cpu": {i: resource.int64Amount{value: 500, scale: -3}, s: "500m", Format: "DecimalSI"},',
        '- \t\t\t\t},',
        '+ \t\t\t\tLimits:   core.ResourceList{"cpu": {i: resource.int64Amount{value: 1}, s: "1", Format: "DecimalSI"}},',
        '  \t\t\t\tRequests: {"cpu": {i: {...}, s: "500m", Format: "DecimalSI"}},',
      ].join('\n'),
    );
  });
});
