/**
 * The ServiceAccount admission plugin on pod create: default the service account, refuse a pod naming a
 * missing one, copy the account's image pull secrets, and mount the projected API token volume
 * (`kube-api-access-<5 chars>`) in every container.
 */
import { generateName } from '../../apiserver/resource-api.ts';
import type { KubeObject } from '../../meta/types.ts';
import type { StrategyContext } from '../../registry/strategy.ts';
import { admissionForbidden } from '../shared/admission.ts';
import { child, clone, list, objects, str, type Json } from '../shared/json.ts';

export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const VOLUME_PREFIX = 'kube-api-access-';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** The projected volume source the plugin adds (serviceaccount.TokenVolumeSource). */
export function tokenVolumeSource(): Json {
  return {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  };
}

export function admitServiceAccount(pod: KubeObject, ctx: StrategyContext): void {
  const spec = child(pod, 'spec');
  if (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) {
    if (str(spec.serviceAccountName)) throw admissionForbidden('', 'pods', pod, 'a mirror pod may not reference service accounts');
    return;
  }
  if (!str(spec.serviceAccountName)) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const namespace = pod.metadata.namespace ?? 'default';
  const name = str(spec.serviceAccountName);
  const account = ctx.store.get({ group: '', resource: 'serviceaccounts' }, namespace, name);
  if (!account) {
    throw admissionForbidden('', 'pods', pod, `error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`);
  }
  const sa = account as unknown as Json;
  const automount = typeof spec.automountServiceAccountToken === 'boolean'
    ? spec.automountServiceAccountToken
    : typeof sa.automountServiceAccountToken === 'boolean' ? sa.automountServiceAccountToken : true;
  if (automount) mountToken(spec);
  if (list(spec.imagePullSecrets).length === 0 && list(sa.imagePullSecrets).length > 0) {
    spec.imagePullSecrets = clone(sa.imagePullSecrets);
  }
}

function mountToken(spec: Json): void {
  const names = new Set(objects(spec.volumes).map((v) => str(v.name)));
  let volumeName = [...names].find((n) => n.startsWith(VOLUME_PREFIX));
  const hasVolume = volumeName !== undefined;
  while (!volumeName || (!hasVolume && names.has(volumeName))) volumeName = generateName(VOLUME_PREFIX);
  let needsVolume = false;
  for (const key of ['initContainers', 'containers']) {
    for (const c of objects(spec[key])) {
      if (objects(c.volumeMounts).some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue;
      const mounts = Array.isArray(c.volumeMounts) ? c.volumeMounts : [];
      mounts.push({ name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH });
      c.volumeMounts = mounts;
      needsVolume = true;
    }
  }
  if (!hasVolume && needsVolume) {
    const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
    volumes.push({ name: volumeName, projected: tokenVolumeSource() });
    spec.volumes = volumes;
  }
}
