/**
 * `ValidatePodSpec` and its callers: the checks run, in upstream's order, on a Pod's spec and on every
 * pod template (`ValidatePodTemplateSpec`). `isPod` adds what only Pods get (host ports under hostNetwork,
 * image whitespace, the projected token rule).
 */
import { fe, path, type FieldError } from '../shared/errors.ts';
import { isNil, isObj, list, objects, rec, str, type Json } from '../shared/json.ts';
import { validateAnnotations, validateLabels } from '../shared/meta.ts';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../shared/names.ts';
import { validateContainerCommon, validateLifecycle, validateProbe } from './validate-container.ts';
import { validateAffinity, validateDnsConfig, validateTolerations, validateTopologySpread } from './validate-scheduling.ts';
import { validateVolumes } from './validate-volumes.ts';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;

function hostPortConflicts(containers: Json[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    objects(c.ports).forEach((p, pi) => {
      const port = Number(p.hostPort ?? 0);
      if (port === 0) return;
      const key = `${str(p.protocol)}/${str(p.hostIP)}/${port}`;
      if (seen.has(key)) errs.push(fe.duplicate(path.child(path.index(path.child(path.index(field, ci), 'ports'), pi), 'hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

function validateContainers(spec: Json, volumes: Set<string>, field: string, grace: number | undefined): FieldError[] {
  const containers = objects(spec.containers);
  if (containers.length === 0) return [fe.required(field)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = path.index(field, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(fe.duplicate(path.child(p, 'name'), name));
    else names.add(name);
    if (!isNil(c.lifecycle)) errs.push(...validateLifecycle(c.lifecycle, path.child(p, 'lifecycle'), grace));
    errs.push(...validateProbe(c.livenessProbe, path.child(p, 'livenessProbe'), 'liveness', grace));
    errs.push(...validateProbe(c.readinessProbe, path.child(p, 'readinessProbe'), 'readiness', grace));
    errs.push(...validateProbe(c.startupProbe, path.child(p, 'startupProbe'), 'startup', grace));
    if (!isNil(c.restartPolicy)) errs.push(fe.forbidden(path.child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(containers, field));
  return errs;
}

function validateInitContainers(spec: Json, volumes: Set<string>, field: string, grace: number | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(objects(spec.containers).map((c) => str(c.name)));
  objects(spec.initContainers).forEach((c, i) => {
    const p = path.index(field, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    let restartAlways = false;
    if (!isNil(c.restartPolicy)) {
      if (c.restartPolicy !== 'Always') errs.push(fe.notSupported(path.child(p, 'restartPolicy'), c.restartPolicy, ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(fe.duplicate(path.child(p, 'name'), name));
    else if (name) names.add(name);
    errs.push(...hostPortConflicts([c], field));
    if (restartAlways) {
      if (!isNil(c.lifecycle)) errs.push(...validateLifecycle(c.lifecycle, path.child(p, 'lifecycle'), grace));
      errs.push(...validateProbe(c.livenessProbe, path.child(p, 'livenessProbe'), 'liveness', grace));
      errs.push(...validateProbe(c.readinessProbe, path.child(p, 'readinessProbe'), 'readiness', grace));
      errs.push(...validateProbe(c.startupProbe, path.child(p, 'startupProbe'), 'startup', grace));
    } else {
      for (const key of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (!isNil(c[key])) errs.push(fe.forbidden(path.child(p, key), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

function validatePodSecurityContext(sc: unknown, field: string): FieldError[] {
  if (!isObj(sc)) return [];
  const errs: FieldError[] = [];
  const range = (key: string, v: unknown, p = path.child(field, key)) => {
    if (typeof v === 'number' && (v < 0 || v > MAX_INT32)) errs.push(fe.invalid(p, v, inclusiveRangeError(0, MAX_INT32)));
  };
  range('fsGroup', sc.fsGroup);
  range('runAsUser', sc.runAsUser);
  range('runAsGroup', sc.runAsGroup);
  list(sc.supplementalGroups).forEach((g, i) => range('supplementalGroups', g, path.index(path.child(field, 'supplementalGroups'), i)));
  return errs;
}

export interface PodSpecOptions {
  /** The spec belongs to a Pod, not a template. */
  isPod: boolean;
}

export function validatePodSpec(spec: Json, field: string, opts: PodSpecOptions): FieldError[] {
  const errs: FieldError[] = [];
  if (isNil(spec.terminationGracePeriodSeconds)) errs.push(fe.required(path.child(field, 'terminationGracePeriodSeconds')));
  const grace = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : undefined;
  const vols = validateVolumes(spec.volumes, path.child(field, 'volumes'));
  errs.push(...vols.errs);
  errs.push(...validateContainers(spec, vols.names, path.child(field, 'containers'), grace));
  errs.push(...validateInitContainers(spec, vols.names, path.child(field, 'initContainers'), grace));
  if (spec.hostNetwork === true) {
    objects(spec.containers).forEach((c, i) => {
      objects(c.ports).forEach((p, j) => {
        const hp = Number(p.hostPort ?? 0);
        if ((opts.isPod || hp !== 0) && hp !== Number(p.containerPort ?? 0)) {
          errs.push(fe.invalid(`${field}.containers[${i}].ports[${j}].hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const restart = str(spec.restartPolicy);
  if (!restart) errs.push(fe.required(path.child(field, 'restartPolicy')));
  else if (!RESTART_POLICIES.includes(restart)) errs.push(fe.notSupported(path.child(field, 'restartPolicy'), restart, RESTART_POLICIES));
  const dns = str(spec.dnsPolicy);
  if (!dns) errs.push(fe.required(path.child(field, 'dnsPolicy')));
  else if (!DNS_POLICIES.includes(dns)) errs.push(fe.notSupported(path.child(field, 'dnsPolicy'), dns, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, path.child(field, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(spec.securityContext, path.child(field, 'securityContext')));
  objects(spec.imagePullSecrets).forEach((s, i) => {
    if (Object.keys(s).some((k) => k !== 'name')) errs.push(fe.invalidRaw(path.index(path.child(field, 'imagePullSecrets'), i), `core.LocalObjectReference{Name:${JSON.stringify(str(s.name))}}`, 'only name may be set'));
  });
  errs.push(...validateAffinity(spec.affinity, path.child(field, 'affinity')));
  errs.push(...validateDnsConfig(spec.dnsConfig, dns, path.child(field, 'dnsConfig')));
  objects(spec.readinessGates).forEach((g, i) => {
    const t = str(g.conditionType);
    for (const m of isQualifiedName(t)) errs.push(fe.invalid(path.child(path.index(path.child(field, 'readinessGates'), i), 'conditionType'), t, m));
  });
  errs.push(...validateTopologySpread(spec.topologySpreadConstraints, path.child(field, 'topologySpreadConstraints')));
  const sa = str(spec.serviceAccountName);
  if (sa) for (const m of isDNS1123Subdomain(sa)) errs.push(fe.invalid(path.child(field, 'serviceAccountName'), sa, m));
  const nodeName = str(spec.nodeName);
  if (nodeName) for (const m of isDNS1123Subdomain(nodeName)) errs.push(fe.invalid(path.child(field, 'nodeName'), nodeName, m));
  if (!isNil(spec.activeDeadlineSeconds)) {
    const v = Number(spec.activeDeadlineSeconds);
    if (v < 1 || v > MAX_INT32) errs.push(fe.invalid(path.child(field, 'activeDeadlineSeconds'), v, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const key of ['hostname', 'subdomain']) {
    const v = str(spec[key]);
    if (v) errs.push(...isDNS1123Label(v).map((m) => fe.invalid(path.child(field, key), v, m)));
  }
  errs.push(...validateTolerations(spec.tolerations, path.child(field, 'tolerations')));
  const pc = str(spec.priorityClassName);
  if (pc) for (const m of isDNS1123Subdomain(pc)) errs.push(fe.invalid(path.child(field, 'priorityClassName'), pc, m));
  if (!isNil(spec.preemptionPolicy)) {
    const pp = str(spec.preemptionPolicy);
    if (!pp) errs.push(fe.required(path.child(field, 'preemptionPolicy')));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') errs.push(fe.notSupported(path.child(field, 'preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
  const os = spec.os;
  if (isObj(os)) {
    const name = str(os.name);
    if (!name) errs.push(fe.required(path.child(field, 'os', 'name'), 'cannot be empty'));
    else if (name !== 'linux' && name !== 'windows') errs.push(fe.notSupported(path.child(field, 'os'), name, ['linux', 'windows']));
  }
  return errs;
}

/** `ValidatePodTemplateSpec`: labels and annotations (at `<field>.labels`, as upstream names them) and the spec. */
export function validatePodTemplate(template: unknown, field: string): FieldError[] {
  const t = rec(template);
  const meta = rec(t.metadata);
  const errs = [...validateLabels(meta.labels, path.child(field, 'labels')), ...validateAnnotations(meta.annotations, path.child(field, 'annotations'))];
  const spec = rec(t.spec);
  errs.push(...validatePodSpec(spec, path.child(field, 'spec'), { isPod: false }));
  if (list(spec.ephemeralContainers).length > 0) errs.push(fe.forbidden(path.child(field, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}

/** The extra checks of a Pod (not a template) on create and update. */
export function validatePodOnly(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(spec.serviceAccountName)) {
    objects(spec.volumes).forEach((v, vi) => {
      objects(rec(v.projected).sources).forEach((s, si) => {
        if (isObj(s.serviceAccountToken)) {
          errs.push(fe.forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  for (const key of ['containers', 'initContainers']) {
    objects(spec[key]).forEach((c, i) => {
      const image = str(c.image);
      if (image.length !== image.trim().length) errs.push(fe.invalid(`spec.${key}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}
