/**
 * API defaulting of pod specs, as core/v1's `SetDefaults_*` functions and its `+default` markers do.
 * `defaultPodSpec` applies wherever a PodSpec appears (pods and every pod template); `defaultPodOnly`
 * adds what only Pods get (requests copied from limits, enableServiceLinks, host ports on hostNetwork).
 */
import type { DecodeFailure } from '../shared/decode.ts';
import { child, defaultNum, defaultPtr, defaultStr, eachObject, isNil, isObj, objects, rec, str, type Json } from '../shared/json.ts';

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

export function defaultPodSpec(spec: Json, decode: DecodeFailure): void {
  defaultStr(spec, 'dnsPolicy', 'ClusterFirst');
  defaultStr(spec, 'restartPolicy', 'Always');
  defaultPtr(spec, 'securityContext', {});
  defaultPtr(spec, 'terminationGracePeriodSeconds', 30);
  defaultStr(spec, 'schedulerName', 'default-scheduler');
  // v1's deprecated `serviceAccount` mirrors serviceAccountName both ways.
  if (!str(spec.serviceAccountName) && str(spec.serviceAccount)) spec.serviceAccountName = spec.serviceAccount;
  if (str(spec.serviceAccountName)) spec.serviceAccount = spec.serviceAccountName;
  for (const key of CONTAINER_LISTS) eachObject(spec, key, (c) => defaultContainer(c, decode));
  eachObject(spec, 'volumes', (v) => defaultVolume(v, decode));
  if (isObj(spec.overhead)) decode.resourceList(spec.overhead);
  if (isObj(spec.resources)) defaultResources(spec.resources, decode);
}

export function defaultPodOnly(spec: Json): void {
  for (const key of ['containers', 'initContainers'] as const) {
    eachObject(spec, key, (c) => {
      const resources = rec(c.resources);
      if (!isObj(resources.limits)) return;
      const requests = child(resources, 'requests');
      for (const [name, value] of Object.entries(resources.limits)) {
        if (!(name in requests)) requests[name] = value;
      }
    });
  }
  defaultPtr(spec, 'enableServiceLinks', true);
  if (spec.hostNetwork === true) {
    for (const key of ['containers', 'initContainers'] as const) {
      eachObject(spec, key, (c) => eachObject(c, 'ports', (p) => defaultNum(p, 'hostPort', Number(p.containerPort) || 0)));
    }
  }
}

/** Docker's reference grammar, enough to find the tag: the part after the last ':' that follows the last '/'. */
export function imageTag(image: string): string {
  const withoutDigest = image.split('@')[0] ?? '';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  if (colon === -1) return image.includes('@') ? '' : 'latest';
  return withoutDigest.slice(colon + 1);
}

export function defaultContainer(c: Json, decode: DecodeFailure): void {
  if (isNil(c.imagePullPolicy) || c.imagePullPolicy === '') {
    c.imagePullPolicy = imageTag(str(c.image)) === 'latest' ? 'Always' : 'IfNotPresent';
  }
  defaultStr(c, 'terminationMessagePath', '/dev/termination-log');
  defaultStr(c, 'terminationMessagePolicy', 'File');
  const resources = child(c, 'resources');
  defaultResources(resources, decode);
  eachObject(c, 'ports', (p) => defaultStr(p, 'protocol', 'TCP'));
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (isObj(c[probe])) defaultProbe(c[probe]);
  }
  if (isObj(c.lifecycle)) {
    for (const hook of ['postStart', 'preStop']) {
      const h = rec(c.lifecycle[hook]);
      if (isObj(h.httpGet)) defaultHttpGet(h.httpGet);
    }
  }
  eachObject(c, 'env', (e) => {
    const fieldRef = rec(e.valueFrom).fieldRef;
    if (isObj(fieldRef)) defaultStr(fieldRef, 'apiVersion', 'v1');
    const resourceFieldRef = rec(e.valueFrom).resourceFieldRef;
    if (isObj(resourceFieldRef)) decode.quantityField(resourceFieldRef, 'divisor');
  });
}

function defaultResources(resources: Json, decode: DecodeFailure): void {
  decode.resourceList(resources.limits);
  decode.resourceList(resources.requests);
}

function defaultHttpGet(h: Json): void {
  defaultStr(h, 'path', '/');
  defaultStr(h, 'scheme', 'HTTP');
}

export function defaultProbe(p: Json): void {
  defaultNum(p, 'timeoutSeconds', 1);
  defaultNum(p, 'periodSeconds', 10);
  defaultNum(p, 'successThreshold', 1);
  defaultNum(p, 'failureThreshold', 3);
  if (isObj(p.httpGet)) defaultHttpGet(p.httpGet);
  if (isObj(p.grpc)) defaultPtr(p.grpc, 'service', '');
}

const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker',
  'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile',
  'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral',
  'image',
];

export const volumeSourceKeys = VOLUME_SOURCES;

export function defaultVolume(v: Json, decode: DecodeFailure): void {
  if (!VOLUME_SOURCES.some((k) => !isNil(v[k]))) v.emptyDir = {};
  if (isObj(v.emptyDir)) decode.quantityField(v.emptyDir, 'sizeLimit');
  if (isObj(v.hostPath)) defaultPtr(v.hostPath, 'type', '');
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (isObj(v[k])) defaultPtr(v[k], 'defaultMode', 420);
  }
  const downwardFile = (item: Json) => {
    if (isObj(item.fieldRef)) defaultStr(item.fieldRef, 'apiVersion', 'v1');
    if (isObj(item.resourceFieldRef)) decode.quantityField(item.resourceFieldRef, 'divisor');
  };
  if (isObj(v.downwardAPI)) eachObject(v.downwardAPI, 'items', downwardFile);
  if (isObj(v.projected)) {
    for (const source of objects(v.projected.sources)) {
      if (isObj(source.serviceAccountToken)) defaultPtr(source.serviceAccountToken, 'expirationSeconds', 3600);
      if (isObj(source.downwardAPI)) eachObject(source.downwardAPI, 'items', downwardFile);
    }
  }
  if (isObj(v.iscsi)) {
    defaultStr(v.iscsi, 'iscsiInterface', 'default');
  }
  if (isObj(v.rbd)) {
    defaultStr(v.rbd, 'pool', 'rbd');
    defaultStr(v.rbd, 'user', 'admin');
    defaultStr(v.rbd, 'keyring', '/etc/ceph/keyring');
  }
  const claim = rec(v.ephemeral).volumeClaimTemplate;
  if (isObj(claim)) {
    const meta = child(claim, 'metadata');
    if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
    const spec = child(claim, 'spec');
    defaultPtr(spec, 'volumeMode', 'Filesystem');
    decode.resourceList(rec(spec.resources).requests);
    decode.resourceList(rec(spec.resources).limits);
  }
}
