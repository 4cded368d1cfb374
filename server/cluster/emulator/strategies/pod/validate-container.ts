/**
 * Checks of one container, common to regular, init and ephemeral containers (`validateContainerCommon`),
 * and of probes and lifecycle handlers, with upstream's paths and messages.
 */
import { fe, path, type FieldError } from '../shared/errors.ts';
import { isNil, isObj, list, objects, rec, str, type Json } from '../shared/json.ts';
import { inclusiveRangeError, isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../shared/names.ts';
import { validateResourceRequirements } from './validate-resources.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validatePorts(ports: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  objects(ports).forEach((p, i) => {
    const ip = path.index(field, i);
    const name = str(p.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) errs.push(...msgs.map((m) => fe.invalid(path.child(ip, 'name'), name, m)));
      else if (names.has(name)) errs.push(fe.duplicate(path.child(ip, 'name'), name));
      else names.add(name);
    }
    const containerPort = Number(p.containerPort ?? 0);
    if (containerPort === 0) errs.push(fe.required(path.child(ip, 'containerPort')));
    else errs.push(...isValidPortNum(containerPort).map((m) => fe.invalid(path.child(ip, 'containerPort'), containerPort, m)));
    const hostPort = Number(p.hostPort ?? 0);
    if (hostPort !== 0) errs.push(...isValidPortNum(hostPort).map((m) => fe.invalid(path.child(ip, 'hostPort'), hostPort, m)));
    const protocol = str(p.protocol);
    if (!protocol) errs.push(fe.required(path.child(ip, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(fe.notSupported(path.child(ip, 'protocol'), protocol, PROTOCOLS));
  });
  return errs;
}

/** RelaxedEnvironmentVariableValidation is on by default in 1.32: any printable ASCII but '='. */
function envNameErrors(name: string): string[] {
  // eslint-disable-next-line no-control-regex
  return /^[\x20-\x3c\x3e-\x7e]*$/.test(name) ? [] : ["a valid environment variable name must consist only of printable ASCII characters other than '='"];
}

const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

export function validateFieldRef(ref: Json, allowed: string[], field: string): FieldError[] {
  if (!str(ref.apiVersion)) return [fe.required(path.child(field, 'apiVersion'))];
  const fieldPath = str(ref.fieldPath);
  if (!fieldPath) return [fe.required(path.child(field, 'fieldPath'))];
  const m = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fieldPath);
  if (m) return [];
  if (!allowed.includes(fieldPath)) return [fe.notSupported(path.child(field, 'fieldPath'), fieldPath, [...allowed].sort())];
  return [];
}

function validateKeySelector(sel: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sel.name);
  for (const m of isDNS1123Subdomain(name)) errs.push(fe.invalid(path.child(field, 'name'), name, m));
  const key = str(sel.key);
  if (!key) errs.push(fe.required(path.child(field, 'key')));
  else for (const m of isConfigMapKey(key)) errs.push(fe.invalid(path.child(field, 'key'), key, m));
  return errs;
}

function validateEnv(env: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objects(env).forEach((e, i) => {
    const ip = path.index(field, i);
    const name = str(e.name);
    if (!name) errs.push(fe.required(path.child(ip, 'name')));
    else errs.push(...envNameErrors(name).map((m) => fe.invalid(path.child(ip, 'name'), name, m)));
    if (!isObj(e.valueFrom)) return;
    const vf = e.valueFrom;
    const vfPath = path.child(ip, 'valueFrom');
    let sources = 0;
    if (isObj(vf.fieldRef)) {
      sources++;
      errs.push(...validateFieldRef(vf.fieldRef, ENV_FIELD_PATHS, path.child(vfPath, 'fieldRef')));
    }
    if (isObj(vf.resourceFieldRef)) {
      sources++;
      const resource = str(vf.resourceFieldRef.resource);
      const rp = path.child(vfPath, 'resourceFieldRef');
      if (!resource) errs.push(fe.required(path.child(rp, 'resource')));
      else if (!RESOURCE_FIELD_PATHS.includes(resource) && !/^(limits|requests)\.hugepages-/.test(resource)) {
        errs.push(fe.notSupported(path.child(rp, 'resource'), resource, RESOURCE_FIELD_PATHS));
      }
    }
    if (isObj(vf.configMapKeyRef)) {
      sources++;
      errs.push(...validateKeySelector(vf.configMapKeyRef, path.child(vfPath, 'configMapKeyRef')));
    }
    if (isObj(vf.secretKeyRef)) {
      sources++;
      errs.push(...validateKeySelector(vf.secretKeyRef, path.child(vfPath, 'secretKeyRef')));
    }
    if (sources === 0) errs.push(fe.invalid(vfPath, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (str(e.value)) errs.push(fe.invalid(vfPath, '', 'may not be specified when `value` is not empty'));
    else if (sources > 1) errs.push(fe.invalid(vfPath, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateEnvFrom(envFrom: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objects(envFrom).forEach((e, i) => {
    const ip = path.index(field, i);
    const prefix = str(e.prefix);
    if (prefix) errs.push(...envNameErrors(prefix).map((m) => fe.invalid(path.child(ip, 'prefix'), prefix, m)));
    let sources = 0;
    for (const key of ['configMapRef', 'secretRef']) {
      const ref = e[key];
      if (!isObj(ref)) continue;
      sources++;
      const name = str(ref.name);
      if (!name) errs.push(fe.required(path.child(ip, key, 'name')));
      else for (const m of isDNS1123Subdomain(name)) errs.push(fe.invalid(path.child(ip, key, 'name'), name, m));
    }
    if (sources === 0) errs.push(fe.invalid(field, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(fe.invalid(field, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateLocalDescendingPath(p: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(fe.invalid(field, p, 'must be a relative path'));
  if (p.split('/').includes('..')) errs.push(fe.invalid(field, p, "must not contain '..'"));
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  objects(mounts).forEach((m, i) => {
    const ip = path.index(field, i);
    const name = str(m.name);
    if (!name) errs.push(fe.required(path.child(ip, 'name')));
    if (!volumes.has(name)) errs.push(fe.notFound(path.child(ip, 'name'), name));
    const mountPath = str(m.mountPath);
    if (!mountPath) errs.push(fe.required(path.child(ip, 'mountPath')));
    if (seen.has(mountPath)) errs.push(fe.invalid(path.child(ip, 'mountPath'), mountPath, 'must be unique'));
    seen.add(mountPath);
    if (str(m.subPath)) errs.push(...validateLocalDescendingPath(str(m.subPath), path.child(field, 'subPath')));
    if (str(m.subPathExpr)) {
      if (str(m.subPath)) errs.push(fe.invalid(path.child(ip, 'subPathExpr'), str(m.subPathExpr), 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(str(m.subPathExpr), path.child(field, 'subPathExpr')));
    }
  });
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

export function validateContainerCommon(c: Json, volumes: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(fe.required(path.child(field, 'name')));
  else errs.push(...isDNS1123Label(name).map((m) => fe.invalid(path.child(field, 'name'), name, m)));
  if (!str(c.image)) errs.push(fe.required(path.child(field, 'image')));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(fe.required(path.child(field, 'terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(fe.notSupported(path.child(field, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validatePorts(c.ports, path.child(field, 'ports')));
  errs.push(...validateEnv(c.env, path.child(field, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, path.child(field, 'envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, path.child(field, 'volumeMounts')));
  const pull = str(c.imagePullPolicy);
  if (!pull) errs.push(fe.required(path.child(field, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(fe.notSupported(path.child(field, 'imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, path.child(field, 'resources')));
  errs.push(...validateContainerSecurityContext(c.securityContext, path.child(field, 'securityContext')));
  return errs;
}

function validateContainerSecurityContext(sc: unknown, field: string): FieldError[] {
  if (!isObj(sc)) return [];
  const errs: FieldError[] = [];
  for (const key of ['runAsUser', 'runAsGroup']) {
    const v = sc[key];
    if (typeof v === 'number' && (v < 0 || v > 2147483647)) errs.push(fe.invalid(path.child(field, key), v, inclusiveRangeError(0, 2147483647)));
  }
  return errs;
}

function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fe.invalid(field, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => fe.invalid(field, port, m));
  return isValidPortNum(0).map((m) => fe.invalid(field, 0, m));
}

function validateHandler(h: Json, field: string, gracePeriod: number | undefined, allowGrpc: boolean): FieldError[] {
  const errs: FieldError[] = [];
  let handlers = 0;
  const kinds = ['exec', 'httpGet', 'tcpSocket', ...(allowGrpc ? ['grpc'] : []), ...(allowGrpc ? [] : ['sleep'])];
  for (const kind of kinds) {
    const v = h[kind];
    if (!isObj(v)) continue;
    const p = path.child(field, kind);
    if (handlers > 0) {
      errs.push(fe.forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    handlers++;
    if (kind === 'exec' && list(v.command).length === 0) errs.push(fe.required(path.child(p, 'command')));
    if (kind === 'httpGet') {
      if (!str(v.path)) errs.push(fe.required(path.child(p, 'path')));
      errs.push(...validatePortNumOrName(v.port, path.child(p, 'port')));
      const scheme = str(v.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(fe.notSupported(path.child(p, 'scheme'), scheme, ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(v.port, path.child(p, 'port')));
    if (kind === 'grpc') errs.push(...validatePortNumOrName(Number(v.port ?? 0), path.child(p, 'port')));
    if (kind === 'sleep') {
      const seconds = Number(v.seconds ?? 0);
      if (gracePeriod !== undefined && (seconds <= 0 || seconds > gracePeriod)) {
        errs.push(fe.invalid(p, seconds, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod})`));
      }
    }
  }
  if (handlers === 0) errs.push(fe.required(field, 'must specify a handler type'));
  return errs;
}

export function validateProbe(probe: unknown, field: string, kind: 'liveness' | 'readiness' | 'startup', gracePeriod: number | undefined): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateHandler(probe, field, gracePeriod, true);
  for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = Number(probe[key] ?? 0);
    if (v < 0) errs.push(fe.invalid(path.child(field, key), v, 'must be greater than or equal to 0'));
  }
  if (!isNil(probe.terminationGracePeriodSeconds) && Number(probe.terminationGracePeriodSeconds) <= 0) {
    errs.push(fe.invalid(path.child(field, 'terminationGracePeriodSeconds'), Number(probe.terminationGracePeriodSeconds), 'must be greater than 0'));
  }
  if (kind !== 'readiness' && Number(probe.successThreshold ?? 1) !== 1) {
    errs.push(fe.invalid(path.child(field, 'successThreshold'), Number(probe.successThreshold), 'must be 1'));
  }
  if (kind === 'readiness' && !isNil(probe.terminationGracePeriodSeconds)) {
    errs.push(fe.invalid(path.child(field, 'terminationGracePeriodSeconds'), Number(probe.terminationGracePeriodSeconds), 'must not be set for readinessProbes'));
  }
  return errs;
}

export function validateLifecycle(lifecycle: unknown, field: string, gracePeriod: number | undefined): FieldError[] {
  const l = rec(lifecycle);
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    if (isObj(l[hook])) errs.push(...validateHandler(l[hook], path.child(field, hook), gracePeriod, false));
  }
  return errs;
}
