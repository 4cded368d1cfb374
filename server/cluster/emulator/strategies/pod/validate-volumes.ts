/**
 * Pod volumes (`ValidateVolumes`): names, exactly one source each, and the sources learners use. A volume
 * with errors is not counted as defined, so mounts of it are also reported as not found, as upstream does.
 */
import { fe, path, type FieldError } from '../shared/errors.ts';
import { isNil, isObj, objects, str, type Json } from '../shared/json.ts';
import { isDNS1123Label } from '../shared/names.ts';
import { parseQuantity, signOf } from '../shared/quantity.ts';
import { volumeSourceKeys } from './defaults.ts';
import { validateFieldRef } from './validate-container.ts';

const FILE_MODE = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

function validateMode(v: unknown, field: string): FieldError[] {
  if (isNil(v)) return [];
  const n = Number(v);
  return n < 0 || n > 0o777 ? [fe.invalid(field, n, FILE_MODE)] : [];
}

function validateLocalNonReservedPath(p: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(fe.invalid(field, p, 'must be a relative path'));
  if (p.split('/').includes('..')) errs.push(fe.invalid(field, p, "must not contain '..'"));
  if (p.startsWith('..')) errs.push(fe.invalid(field, p, "must not start with '..'"));
  return errs;
}

function validateKeyToPaths(items: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objects(items).forEach((kp, i) => {
    const ip = path.index(field, i);
    if (!str(kp.key)) errs.push(fe.required(path.child(ip, 'key')));
    if (!str(kp.path)) errs.push(fe.required(path.child(ip, 'path')));
    errs.push(...validateLocalNonReservedPath(str(kp.path), path.child(ip, 'path')));
    errs.push(...validateMode(kp.mode, path.child(ip, 'mode')));
  });
  return errs;
}

function validateDownwardItems(items: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const file of objects(items)) {
    if (!str(file.path)) errs.push(fe.required(path.child(field, 'path')));
    errs.push(...validateLocalNonReservedPath(str(file.path), path.child(field, 'path')));
    if (isObj(file.fieldRef)) errs.push(...validateFieldRef(file.fieldRef, VOLUME_FIELD_PATHS, path.child(field, 'fieldRef')));
    else if (!isObj(file.resourceFieldRef)) errs.push(fe.required(field, 'one of fieldRef and resourceFieldRef is required'));
    errs.push(...validateMode(file.mode, path.child(field, 'mode')));
  }
  return errs;
}

function validateSource(kind: string, src: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  switch (kind) {
    case 'emptyDir': {
      const q = parseQuantity(src.sizeLimit);
      if (q && signOf(q) < 0) errs.push(fe.forbidden(path.child(field, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      break;
    }
    case 'hostPath': {
      if (!str(src.path)) return [fe.required(path.child(field, 'path'))];
      if (str(src.path).split('/').includes('..')) errs.push(fe.invalid(path.child(field, 'path'), str(src.path), "must not contain '..'"));
      const t = str(src.type);
      if (!HOST_PATH_TYPES.includes(t)) errs.push(fe.notSupported(path.child(field, 'type'), t, HOST_PATH_TYPES));
      break;
    }
    case 'secret':
      if (!str(src.secretName)) errs.push(fe.required(path.child(field, 'secretName')));
      errs.push(...validateMode(src.defaultMode, path.child(field, 'defaultMode')));
      errs.push(...validateKeyToPaths(src.items, path.child(field, 'items')));
      break;
    case 'configMap':
      if (!str(src.name)) errs.push(fe.required(path.child(field, 'name')));
      errs.push(...validateMode(src.defaultMode, path.child(field, 'defaultMode')));
      errs.push(...validateKeyToPaths(src.items, path.child(field, 'items')));
      break;
    case 'persistentVolumeClaim':
      if (!str(src.claimName)) errs.push(fe.required(path.child(field, 'claimName')));
      break;
    case 'nfs':
      if (!str(src.server)) errs.push(fe.required(path.child(field, 'server')));
      if (!str(src.path)) errs.push(fe.required(path.child(field, 'path')));
      if (!str(src.path).startsWith('/')) errs.push(fe.invalid(path.child(field, 'path'), str(src.path), 'must be an absolute path'));
      break;
    case 'downwardAPI':
      errs.push(...validateMode(src.defaultMode, path.child(field, 'defaultMode')));
      errs.push(...validateDownwardItems(src.items, field));
      break;
    case 'csi':
      if (!str(src.driver)) errs.push(fe.required(path.child(field, 'driver')));
      break;
    case 'projected':
      errs.push(...validateProjected(src, field));
      break;
    default:
      break;
  }
  return errs;
}

function validateProjected(src: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateMode(src.defaultMode, path.child(field, 'defaultMode')));
  objects(src.sources).forEach((s, i) => {
    const sp = path.index(path.child(field, 'sources'), i);
    let count = 0;
    for (const kind of ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle']) {
      const v = s[kind];
      if (!isObj(v)) continue;
      count++;
      const p = path.child(sp, kind);
      if ((kind === 'secret' || kind === 'configMap') && !str(v.name)) errs.push(fe.required(path.child(p, 'name')));
      if (kind === 'secret' || kind === 'configMap') errs.push(...validateKeyToPaths(v.items, path.child(p, 'items')));
      if (kind === 'downwardAPI') errs.push(...validateDownwardItems(v.items, p));
      if (kind === 'serviceAccountToken') {
        const exp = Number(v.expirationSeconds ?? 0);
        if (exp < 600) errs.push(fe.invalid(path.child(p, 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
        if (exp > 4294967296) errs.push(fe.invalid(path.child(p, 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
        if (!str(v.path)) errs.push(fe.required(path.child(p, 'path')));
      }
    }
    if (count > 1) errs.push(fe.forbidden(sp, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

/** Validates the pod's volumes; returns the names of the valid ones (those mounts may refer to). */
export function validateVolumes(volumes: unknown, field: string): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  objects(volumes).forEach((v, i) => {
    const ip = path.index(field, i);
    const el: FieldError[] = [];
    let sources = 0;
    for (const kind of volumeSourceKeys) {
      if (isNil(v[kind])) continue;
      const p = path.child(ip, kind);
      if (sources > 0) {
        el.push(fe.forbidden(p, 'may not specify more than 1 volume type'));
        continue;
      }
      sources++;
      el.push(...validateSource(kind, isObj(v[kind]) ? v[kind] : {}, p));
    }
    if (sources === 0) el.push(fe.required(ip, 'must specify a volume type'));
    const name = str(v.name);
    if (!name) el.push(fe.required(path.child(ip, 'name')));
    else el.push(...isDNS1123Label(name).map((m) => fe.invalid(path.child(ip, 'name'), name, m)));
    if (names.has(name)) el.push(fe.duplicate(path.child(ip, 'name'), name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}
