import { describe, expect, it } from 'vitest';
import {
  certificateSigningRequestPrinter,
  csiStorageCapacityPrinter,
  flowSchemaPrinter,
  priorityLevelConfigurationPrinter,
  runtimeClassPrinter,
  validatingAdmissionPolicyBindingPrinter,
  validatingAdmissionPolicyPrinter,
  webhookConfigurationPrinter,
} from './admission.ts';
import { printerFor } from './index.ts';
import { ctx, obj } from './test-fixtures.ts';

// printers.go printMutatingWebhook, printValidatingAdmissionPolicy(Binding).
describe('admission kinds', () => {
  it('counts webhooks and validations and names the parameter', () => {
    const hooks = obj('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', { name: 'pod-identity-webhook' }, { webhooks: [{ name: 'a' }] }, '3d');
    expect(webhookConfigurationPrinter.cells(hooks, ctx)).toEqual(['pod-identity-webhook', 1, '3d']);
    const vap = obj('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', { name: 'p' }, { spec: { validations: [{}, {}] } }, '5m');
    expect(validatingAdmissionPolicyPrinter.cells(vap, ctx)).toEqual(['p', 2, '<unset>', '5m']);
    vap.spec = { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' } };
    expect(validatingAdmissionPolicyPrinter.cells(vap, ctx)).toEqual(['p', 0, 'v1/ConfigMap', '5m']);
    const binding = obj('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding', { name: 'b' }, { spec: { policyName: 'p', paramRef: { name: 'cfg' } } }, '5m');
    expect(validatingAdmissionPolicyBindingPrinter.cells(binding, ctx)).toEqual(['b', 'p', '*/cfg', '5m']);
  });

  it('is wired for both webhook kinds', () => {
    expect(printerFor('admissionregistration.k8s.io', 'ValidatingWebhookConfiguration')).toBe(webhookConfigurationPrinter);
    expect(printerFor('node.k8s.io', 'RuntimeClass')).toBe(runtimeClassPrinter);
  });
});

// printers.go printFlowSchema, printPriorityLevelConfiguration.
describe('flow control', () => {
  it('prints schemas with their level, precedence and distinguisher', () => {
    const fs = obj('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', { name: 'exempt' }, {
      spec: { priorityLevelConfiguration: { name: 'exempt' }, matchingPrecedence: 1 },
      status: { conditions: [{ type: 'Dangling', status: 'False' }] },
    }, '2d');
    expect(flowSchemaPrinter.cells(fs, ctx)).toEqual(['exempt', 'exempt', 1, '<none>', '2d', 'False']);
  });

  it('prints queuing parameters of limited levels, <none> otherwise', () => {
    const exempt = obj('flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration', { name: 'exempt' }, { spec: { type: 'Exempt' } }, '2d');
    expect(priorityLevelConfigurationPrinter.cells(exempt, ctx)).toEqual(['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>', '2d']);
    const limited = obj('flowcontrol.apiserver.k8s.io/v1', 'PriorityLevelConfiguration', { name: 'workload-low' }, {
      spec: { type: 'Limited', limited: { nominalConcurrencyShares: 100, limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } } } },
    }, '2d');
    expect(priorityLevelConfigurationPrinter.cells(limited, ctx)).toEqual(['workload-low', 'Limited', 100, 128, 6, 50, '2d']);
  });
});

// printers.go printCertificateSigningRequest, printRuntimeClass, printCSIStorageCapacity.
describe('certificates, runtime classes, storage capacity', () => {
  it('prints a CSR condition as upstream extracts it', () => {
    const csr = obj('certificates.k8s.io/v1', 'CertificateSigningRequest', { name: 'csr-x' }, {
      spec: { signerName: 'kubernetes.io/kube-apiserver-client', username: 'alice', expirationSeconds: 86400 },
      status: { conditions: [{ type: 'Approved', status: 'True' }], certificate: 'LS0t' },
    }, '5m');
    expect(certificateSigningRequestPrinter.cells(csr, ctx)).toEqual(['csr-x', '5m', 'kubernetes.io/kube-apiserver-client', 'alice', '24h', 'Approved,Issued']);
    const pending = obj('certificates.k8s.io/v1', 'CertificateSigningRequest', { name: 'p' }, { spec: {} }, '5m');
    expect(certificateSigningRequestPrinter.cells(pending, ctx)).toEqual(['p', '5m', '<none>', '', '<none>', 'Pending']);
  });

  it('prints a runtime class handler and a capacity', () => {
    expect(runtimeClassPrinter.cells(obj('node.k8s.io/v1', 'RuntimeClass', { name: 'gvisor' }, { handler: 'runsc' }, '4h'), ctx)).toEqual(['gvisor', 'runsc', '4h']);
    const cap = obj('storage.k8s.io/v1', 'CSIStorageCapacity', { name: 'csisc-1', namespace: 'kube-system' }, { storageClassName: 'gp3', capacity: '1024Mi' });
    expect(csiStorageCapacityPrinter.cells(cap, ctx)).toEqual(['csisc-1', 'gp3', '1Gi']);
  });
});
