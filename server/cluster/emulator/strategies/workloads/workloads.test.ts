import { describe, expect, it } from 'vitest';
import { NOW, testCluster, withoutIdentity } from '../testing.ts';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
const deployment = (spec: object = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { selector: { matchLabels: { app: 'web' } }, template, ...spec },
});
const defaultedContainer = {
  name: 'nginx',
  image: 'nginx:1.27',
  imagePullPolicy: 'IfNotPresent',
  resources: {},
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
};
const defaultedPodSpec = {
  containers: [defaultedContainer],
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

function invalid(group: string, resource: string, body: object): string {
  const c = testCluster();
  const err = c.fails(() => c.create(group, 'v1', resource, body));
  expect(err.code).toBe(422);
  return err.message;
}

describe('Deployments', () => {
  it('are defaulted as the API server does', () => {
    const c = testCluster();
    const created = c.create('apps', 'v1', 'deployments', deployment());
    expect(withoutIdentity(created)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, generation: 1, creationTimestamp: NOW },
      spec: {
        progressDeadlineSeconds: 600,
        replicas: 1,
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'web' } },
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
        template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: defaultedPodSpec },
      },
      status: {},
    });
  });

  it('require a selector that matches the template', () => {
    expect(invalid('apps', 'deployments', { ...deployment(), spec: { template } })).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
    expect(invalid('apps', 'deployments', deployment({ selector: { matchLabels: { app: 'api' } } }))).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
  });

  it('check replicas and the rolling update parameters', () => {
    expect(invalid('apps', 'deployments', deployment({ replicas: -1 }))).toBe(
      'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(invalid('apps', 'deployments', deployment({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }))).toBe(
      'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    );
    expect(invalid('apps', 'deployments', deployment({ strategy: { type: 'BlueGreen' } }))).toBe(
      'Deployment.apps "web" is invalid: spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    );
  });

  it('keep their selector', () => {
    const c = testCluster();
    const d = c.create('apps', 'v1', 'deployments', deployment());
    const labels = { app: 'web', tier: 'front' };
    const next = { ...d, spec: { ...(d.spec as object), selector: { matchLabels: labels }, template: { ...template, metadata: { labels } } } };
    const err = c.fails(() => c.api.update(c.def('apps', 'v1', 'deployments'), 'default', 'web', next));
    expect(err.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"front"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
});

describe('other apps/v1 workloads', () => {
  it('default DaemonSets', () => {
    const c = testCluster();
    const ds = c.create('apps', 'v1', 'daemonsets', { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'web' } }, template } });
    expect(ds.spec).toEqual({
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: defaultedPodSpec },
      updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
    });
    expect(ds.status).toEqual({ currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });
  });

  it('default StatefulSets and their claim templates', () => {
    const c = testCluster();
    const sts = c.create('apps', 'v1', 'statefulsets', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'web' } },
        template,
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    expect(sts.spec).toEqual({
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      podManagementPolicy: 'OrderedReady',
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      serviceName: 'db',
      template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: defaultedPodSpec },
      updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { creationTimestamp: null, name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
          status: { phase: 'Pending' },
        },
      ],
    });
  });

  it('match ReplicaSet selectors against the template', () => {
    expect(
      invalid('apps', 'replicasets', { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { selector: { matchLabels: { app: 'x' } }, template } }),
    ).toBe('ReplicaSet.apps "rs" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`');
  });
});

describe('Jobs and CronJobs', () => {
  const jobTemplate = { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-e', 'print 1'] }] } };

  it('get the selector and labels of their uid', () => {
    const c = testCluster();
    const job = c.create('batch', 'v1', 'jobs', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: jobTemplate } });
    const uid = job.metadata.uid;
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' };
    expect(withoutIdentity(job)).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default', labels, generation: 1, creationTimestamp: NOW },
      spec: {
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        completions: 1,
        manualSelector: false,
        parallelism: 1,
        podReplacementPolicy: 'TerminatingOrFailed',
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
        suspend: false,
        template: {
          metadata: { creationTimestamp: null, labels },
          spec: {
            ...defaultedPodSpec,
            restartPolicy: 'Never',
            containers: [{ ...defaultedContainer, name: 'pi', image: 'perl:5.34.0', command: ['perl', '-e', 'print 1'] }],
          },
        },
      },
      status: {},
    });
  });

  it('need a restart policy of OnFailure or Never', () => {
    const body = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } } };
    expect(invalid('batch', 'jobs', body)).toBe('Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  it('keep their pod template', () => {
    const c = testCluster();
    const job = c.create('batch', 'v1', 'jobs', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { template: jobTemplate } });
    const next = structuredClone(job) as typeof job & { spec: { template: { spec: { containers: { image: string }[] } } } };
    next.spec.template.spec.containers[0]!.image = 'perl:5.36';
    const err = c.fails(() => c.api.update(c.def('batch', 'v1', 'jobs'), 'default', 'pi', next));
    expect(err.message).toMatch(/^Job\.batch "pi" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec\{ObjectMeta:v1\.ObjectMeta\{Name:"", GenerateName:"", /);
    expect(err.message).toContain('Containers:[]core.Container{core.Container{Name:"pi", Image:"perl:5.36", Command:[]string{"perl", "-e", "print 1"}, Args:[]string(nil), ');
    expect(err.message).toContain('TerminationGracePeriodSeconds:(*int64)(0xc');
    expect(err.message).toMatch(/}}: field is immutable$/);
  });

  it('default CronJobs and parse their schedule', () => {
    const c = testCluster();
    const spec = (schedule: string) => ({ schedule, jobTemplate: { spec: { template: { spec: { ...jobTemplate.spec, restartPolicy: 'OnFailure' } } } } });
    const cj = c.create('batch', 'v1', 'cronjobs', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick' }, spec: spec('*/5 * * * *') });
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, jobTemplate: { metadata: { creationTimestamp: null } } });
    expect(cj.status).toEqual({});
    const err = c.fails(() => c.create('batch', 'v1', 'cronjobs', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'bad' }, spec: spec('61 * * * *') }));
    expect(err.message).toBe('CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
  });
});
