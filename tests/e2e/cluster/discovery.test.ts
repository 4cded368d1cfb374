/**
 * What kubectl learns about the API before it touches an object: api-resources, explain, top (no
 * metrics-server on EKS by default), and the custom resource definitions every EKS cluster carries.
 * Expected text is what kubectl 1.32 prints against a fresh EKS 1.32 cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, type RunningCluster } from './harness.ts';
import { normTable } from './normalize.ts';

let cluster: RunningCluster;
beforeAll(async () => {
  cluster = await clusterUp({ nodes: 2 });
});
afterAll(() => cluster?.destroy());

const API_RESOURCES = `NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND
bindings                                         v1                                true         Binding
componentstatuses                   cs           v1                                false        ComponentStatus
configmaps                          cm           v1                                true         ConfigMap
endpoints                           ep           v1                                true         Endpoints
events                              ev           v1                                true         Event
limitranges                         limits       v1                                true         LimitRange
namespaces                          ns           v1                                false        Namespace
nodes                               no           v1                                false        Node
persistentvolumeclaims              pvc          v1                                true         PersistentVolumeClaim
persistentvolumes                   pv           v1                                false        PersistentVolume
pods                                po           v1                                true         Pod
podtemplates                                     v1                                true         PodTemplate
replicationcontrollers              rc           v1                                true         ReplicationController
resourcequotas                      quota        v1                                true         ResourceQuota
secrets                                          v1                                true         Secret
serviceaccounts                     sa           v1                                true         ServiceAccount
services                            svc          v1                                true         Service
mutatingwebhookconfigurations                    admissionregistration.k8s.io/v1   false        MutatingWebhookConfiguration
validatingadmissionpolicies                      admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicy
validatingadmissionpolicybindings                admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicyBinding
validatingwebhookconfigurations                  admissionregistration.k8s.io/v1   false        ValidatingWebhookConfiguration
customresourcedefinitions           crd,crds     apiextensions.k8s.io/v1           false        CustomResourceDefinition
apiservices                                      apiregistration.k8s.io/v1         false        APIService
controllerrevisions                              apps/v1                           true         ControllerRevision
daemonsets                          ds           apps/v1                           true         DaemonSet
deployments                         deploy       apps/v1                           true         Deployment
replicasets                         rs           apps/v1                           true         ReplicaSet
statefulsets                        sts          apps/v1                           true         StatefulSet
selfsubjectreviews                               authentication.k8s.io/v1          false        SelfSubjectReview
tokenreviews                                     authentication.k8s.io/v1          false        TokenReview
localsubjectaccessreviews                        authorization.k8s.io/v1           true         LocalSubjectAccessReview
selfsubjectaccessreviews                         authorization.k8s.io/v1           false        SelfSubjectAccessReview
selfsubjectrulesreviews                          authorization.k8s.io/v1           false        SelfSubjectRulesReview
subjectaccessreviews                             authorization.k8s.io/v1           false        SubjectAccessReview
horizontalpodautoscalers            hpa          autoscaling/v2                    true         HorizontalPodAutoscaler
cronjobs                            cj           batch/v1                          true         CronJob
jobs                                             batch/v1                          true         Job
certificatesigningrequests          csr          certificates.k8s.io/v1            false        CertificateSigningRequest
leases                                           coordination.k8s.io/v1            true         Lease
eniconfigs                                       crd.k8s.amazonaws.com/v1alpha1    false        ENIConfig
endpointslices                                   discovery.k8s.io/v1               true         EndpointSlice
events                              ev           events.k8s.io/v1                  true         Event
flowschemas                                      flowcontrol.apiserver.k8s.io/v1   false        FlowSchema
prioritylevelconfigurations                      flowcontrol.apiserver.k8s.io/v1   false        PriorityLevelConfiguration
policyendpoints                                  networking.k8s.aws/v1alpha1       true         PolicyEndpoint
ingressclasses                                   networking.k8s.io/v1              false        IngressClass
ingresses                           ing          networking.k8s.io/v1              true         Ingress
networkpolicies                     netpol       networking.k8s.io/v1              true         NetworkPolicy
runtimeclasses                                   node.k8s.io/v1                    false        RuntimeClass
poddisruptionbudgets                pdb          policy/v1                         true         PodDisruptionBudget
clusterrolebindings                              rbac.authorization.k8s.io/v1      false        ClusterRoleBinding
clusterroles                                     rbac.authorization.k8s.io/v1      false        ClusterRole
rolebindings                                     rbac.authorization.k8s.io/v1      true         RoleBinding
roles                                            rbac.authorization.k8s.io/v1      true         Role
priorityclasses                     pc           scheduling.k8s.io/v1              false        PriorityClass
csidrivers                                       storage.k8s.io/v1                 false        CSIDriver
csinodes                                         storage.k8s.io/v1                 false        CSINode
csistoragecapacities                             storage.k8s.io/v1                 true         CSIStorageCapacity
storageclasses                      sc           storage.k8s.io/v1                 false        StorageClass
volumeattachments                                storage.k8s.io/v1                 false        VolumeAttachment
cninodes                            cnd          vpcresources.k8s.aws/v1alpha1     false        CNINode
securitygrouppolicies               sgp          vpcresources.k8s.aws/v1beta1      true         SecurityGroupPolicy
`;

describe('api-resources', () => {
  it('lists what an EKS 1.32 cluster serves, with short names', () => {
    const r = cluster.kubectl(['api-resources']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(API_RESOURCES);
  });

  it('shows verbs and categories with -o wide', () => {
    const lines = cluster.kubectl(['api-resources', '-o', 'wide']).stdout.split('\n');
    const row = (name: string) => lines.find((l) => l.startsWith(`${name} `))!.split(/\s+/).filter(Boolean);
    expect(lines[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND\s+VERBS\s+CATEGORIES$/);
    expect(row('pods')).toEqual(['pods', 'po', 'v1', 'true', 'Pod', 'create,delete,deletecollection,get,list,patch,update,watch', 'all']);
    expect(row('namespaces')).toEqual(['namespaces', 'ns', 'v1', 'false', 'Namespace', 'create,delete,get,list,patch,update,watch']);
    expect(row('bindings')).toEqual(['bindings', 'v1', 'true', 'Binding', 'create']);
    expect(row('customresourcedefinitions').at(-1)).toBe('api-extensions');
    expect(row('horizontalpodautoscalers').at(-1)).toBe('all');
    expect(row('configmaps')).toHaveLength(6);
  });

  it('filters by group and scope', () => {
    expect(cluster.kubectl(['api-resources', '--api-group=apps']).stdout).toBe(
      `NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND
controllerrevisions                apps/v1      true         ControllerRevision
daemonsets            ds           apps/v1      true         DaemonSet
deployments           deploy       apps/v1      true         Deployment
replicasets           rs           apps/v1      true         ReplicaSet
statefulsets          sts          apps/v1      true         StatefulSet
`,
    );
    const names = cluster.kubectl(['api-resources', '--namespaced=false', '-o', 'name']).stdout.split('\n');
    expect(names.slice(0, 5)).toEqual(['componentstatuses', 'namespaces', 'nodes', 'persistentvolumes', 'mutatingwebhookconfigurations.admissionregistration.k8s.io']);
    expect(names).toContain('cninodes.vpcresources.k8s.aws');
  });
});

describe('EKS add-on definitions', () => {
  it('has the VPC CNI and VPC resource controller CRDs and no objects of them', () => {
    const r = cluster.kubectl(['get', 'crd']);
    expect(normTable(r.stdout)).toBe(
      `NAME                                         CREATED AT
cninodes.vpcresources.k8s.aws                <time>
eniconfigs.crd.k8s.amazonaws.com             <time>
policyendpoints.networking.k8s.aws           <time>
securitygrouppolicies.vpcresources.k8s.aws   <time>`,
    );
    const sgp = cluster.kubectl(['get', 'sgp', '-A']);
    expect([sgp.stdout, sgp.stderr]).toEqual(['', 'No resources found\n']);
    expect(cluster.kubectl(['get', 'eniconfigs']).stderr).toBe('No resources found\n');
  });
});

describe('explain', () => {
  it('explains a nested field with its type and the enum of its children', () => {
    const r = cluster.kubectl(['explain', 'deployment.spec.strategy']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual(['GROUP:      apps', 'KIND:       Deployment', 'VERSION:    v1', '', 'FIELD: strategy <DeploymentStrategy>']);
    expect(lines).toContain('DESCRIPTION:');
    expect(lines).toContain('    DeploymentStrategy describes how to replace existing pods with new ones.');
    const fields = lines.slice(lines.indexOf('FIELDS:') + 1).filter((l) => /^ {2}\S/.test(l));
    expect(fields).toEqual(['  rollingUpdate\t<RollingUpdateDeployment>', '  type\t<string>', '  enum: Recreate, RollingUpdate']);
    expect(lines).toContain('    Type of deployment. Can be "Recreate" or "RollingUpdate". Default is');
    expect(lines).toContain('    RollingUpdate.');
  });

  it('prints a recursive tree of pod fields', () => {
    const head = cluster.kubectl(['explain', 'pods', '--recursive']).stdout.split('\n').slice(0, 52).join('\n');
    expect(head).toBe(`KIND:       Pod
VERSION:    v1

DESCRIPTION:
    Pod is a collection of containers that can run on a host. This resource is
    created by clients and scheduled onto hosts.
    
FIELDS:
  apiVersion\t<string>
  kind\t<string>
  metadata\t<ObjectMeta>
    annotations\t<map[string]string>
    creationTimestamp\t<string>
    deletionGracePeriodSeconds\t<integer>
    deletionTimestamp\t<string>
    finalizers\t<[]string>
    generateName\t<string>
    generation\t<integer>
    labels\t<map[string]string>
    managedFields\t<[]ManagedFieldsEntry>
      apiVersion\t<string>
      fieldsType\t<string>
      fieldsV1\t<FieldsV1>
      manager\t<string>
      operation\t<string>
      subresource\t<string>
      time\t<string>
    name\t<string>
    namespace\t<string>
    ownerReferences\t<[]OwnerReference>
      apiVersion\t<string> -required-
      blockOwnerDeletion\t<boolean>
      controller\t<boolean>
      kind\t<string> -required-
      name\t<string> -required-
      uid\t<string> -required-
    resourceVersion\t<string>
    selfLink\t<string>
    uid\t<string>
  spec\t<PodSpec>
    activeDeadlineSeconds\t<integer>
    affinity\t<Affinity>
      nodeAffinity\t<NodeAffinity>
        preferredDuringSchedulingIgnoredDuringExecution\t<[]PreferredSchedulingTerm>
          preference\t<NodeSelectorTerm> -required-
            matchExpressions\t<[]NodeSelectorRequirement>
              key\t<string> -required-
              operator\t<string> -required-
              enum: DoesNotExist, Exists, Gt, In, ....
              values\t<[]string>
            matchFields\t<[]NodeSelectorRequirement>
              key\t<string> -required-`);
  });

  it('names a field that does not exist', () => {
    const r = cluster.kubectl(['explain', 'deployment.spec.replicaz']);
    expect([r.code, r.stderr]).toEqual([1, 'error: field "replicaz" does not exist\n']);
  });
});

describe('component statuses', () => {
  it('are healthy, with the deprecation warning of the v1 API', () => {
    const r = cluster.kubectl(['get', 'componentstatuses']);
    expect(r.stderr).toBe('Warning: v1 ComponentStatus is deprecated in v1.19+\n');
    expect(r.stdout).toBe(`NAME                 STATUS    MESSAGE   ERROR
controller-manager   Healthy   ok        
etcd-0               Healthy   ok        
scheduler            Healthy   ok        
`);
  });
});

describe('health endpoints', () => {
  it('answer ok, list their checks when verbose, and answer for one check', () => {
    expect(cluster.kubectl(['get', '--raw', '/readyz']).stdout).toBe('ok');
    const verbose = cluster.kubectl(['get', '--raw', '/readyz?verbose']).stdout.split('\n');
    expect(verbose.slice(0, 4)).toEqual(['[+]ping ok', '[+]log ok', '[+]etcd ok', '[+]etcd-readiness ok']);
    expect(verbose.slice(-3)).toEqual(['[+]shutdown ok', 'readyz check passed', '']);
    expect(cluster.kubectl(['get', '--raw', '/livez?verbose&exclude=etcd']).stdout).toMatch(/^\[\+\]ping ok\n\[\+\]log ok\n\[\+\]etcd excluded: ok\n[^]*livez check passed\n$/);
    expect(cluster.kubectl(['get', '--raw', '/readyz/etcd']).stdout).toBe('ok');
    const missing = cluster.kubectl(['get', '--raw', '/livez/shutdown']);
    expect([missing.code, missing.stderr]).toEqual([1, 'Error from server (NotFound): the server could not find the requested resource\n']);
  });
});

describe('top without metrics-server', () => {
  it('says the Metrics API is not available', () => {
    for (const what of ['nodes', 'pods']) {
      const r = cluster.kubectl(['top', what]);
      expect([r.code, r.stdout, r.stderr]).toEqual([1, '', 'error: Metrics API not available\n']);
    }
  });
});
