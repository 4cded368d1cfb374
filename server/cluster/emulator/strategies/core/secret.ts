/**
 * Secrets: `stringData` merged into base64 `data` (as v1's conversion does) and never stored, type Opaque
 * by default, base64 that the server cannot decode refused as a decode error, and validation of keys,
 * size and the per-type required keys.
 */
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { base64ErrorOffset, decodeBase64 } from '../shared/base64.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { isObj, rec, str, type Json } from '../shared/json.ts';
import { isConfigMapKey } from '../shared/names.ts';

export const MAX_SECRET_SIZE = 1024 * 1024;

function validateKeys(data: Json, field: string): { errs: FieldError[]; size: number } {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    errs.push(...isConfigMapKey(key).map((m) => fe.invalid(`${field}[${key}]`, key, m)));
    size += decodeBase64(str(value)).length;
  }
  return { errs, size };
}

function jsonKey(data: Json, key: string, field: string): FieldError[] {
  if (!(key in data)) return [fe.required(`data[${key}]`)];
  try {
    JSON.parse(decodeBase64(str(data[key])).toString('utf8'));
    return [];
  } catch (e) {
    return [fe.invalid(field, '<secret contents redacted>', e instanceof Error ? e.message : String(e))];
  }
}

export function validateSecret(obj: Json): FieldError[] {
  const data = rec(obj.data);
  const { errs, size } = validateKeys(data, 'data');
  if (size > MAX_SECRET_SIZE) errs.push(fe.tooLong('data', MAX_SECRET_SIZE));
  const annotations = rec(rec(obj.metadata).annotations);
  switch (str(obj.type)) {
    case 'kubernetes.io/service-account-token':
      if (!str(annotations['kubernetes.io/service-account.name'])) errs.push(fe.required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
      errs.push(...jsonKey(data, '.dockercfg', 'data[.dockercfg]'));
      break;
    case 'kubernetes.io/dockerconfigjson':
      errs.push(...jsonKey(data, '.dockerconfigjson', 'data[.dockerconfigjson]'));
      break;
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) errs.push(fe.required('data[username]'), fe.required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!str(data['ssh-privatekey'])) errs.push(fe.required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!('tls.crt' in data)) errs.push(fe.required('data[tls.crt]'));
      if (!('tls.key' in data)) errs.push(fe.required('data[tls.key]'));
      break;
    default:
      break;
  }
  return errs;
}

export function secretStrategy(k: KindContext): Strategy {
  return {
    defaults(obj) {
      if (!str(obj.type)) obj.type = 'Opaque';
      if (isObj(obj.data)) {
        for (const value of Object.values(obj.data)) {
          if (value === null) continue;
          if (typeof value !== 'string') k.decode.fail(`json: cannot unmarshal ${typeof value} into Go struct field Secret.data of type []uint8`);
          const offset = base64ErrorOffset(value);
          if (offset !== undefined) k.decode.fail(`illegal base64 data at input byte ${offset}`);
        }
      }
      if (isObj(obj.stringData)) {
        const data: Json = isObj(obj.data) ? obj.data : {};
        for (const [key, value] of Object.entries(obj.stringData)) data[key] = Buffer.from(str(value), 'utf8').toString('base64');
        obj.data = data;
      }
      delete obj.stringData;
    },
    validate(obj, old) {
      const errs = validateSecret(obj);
      if (old) {
        if (str(obj.type) !== str(old.type)) errs.unshift(fe.invalid('type', str(obj.type), 'field is immutable'));
        if (old.immutable === true) {
          if (obj.immutable !== true) errs.unshift(fe.forbidden('immutable', 'field is immutable when `immutable` is set'));
          if (JSON.stringify(rec(obj.data)) !== JSON.stringify(rec(old.data))) errs.unshift(fe.forbidden('data', 'field is immutable when `immutable` is set'));
        }
      }
      return errs;
    },
  };
}

export function configMapStrategy(k: KindContext): Strategy {
  return {
    defaults(obj) {
      if (isObj(obj.binaryData)) {
        for (const value of Object.values(obj.binaryData)) {
          const offset = typeof value === 'string' ? base64ErrorOffset(value) : 0;
          if (offset !== undefined) k.decode.fail(`illegal base64 data at input byte ${offset}`);
        }
      }
    },
    validate(obj, old) {
      const errs: FieldError[] = [];
      const data = rec(obj.data);
      const binary = rec(obj.binaryData);
      let size = 0;
      for (const [key, value] of Object.entries(data)) {
        errs.push(...isConfigMapKey(key).map((m) => fe.invalid(`data[${key}]`, key, m)));
        if (key in binary) errs.push(fe.invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
        size += Buffer.byteLength(str(value));
      }
      for (const [key, value] of Object.entries(binary)) {
        errs.push(...isConfigMapKey(key).map((m) => fe.invalid(`binaryData[${key}]`, key, m)));
        size += decodeBase64(str(value)).length;
      }
      if (size > MAX_SECRET_SIZE) errs.push(fe.tooLong('', MAX_SECRET_SIZE));
      if (old && old.immutable === true) {
        const pre: FieldError[] = [];
        if (obj.immutable !== true) pre.push(fe.forbidden('immutable', 'field is immutable when `immutable` is set'));
        if (JSON.stringify(data) !== JSON.stringify(rec(old.data))) pre.push(fe.forbidden('data', 'field is immutable when `immutable` is set'));
        if (JSON.stringify(binary) !== JSON.stringify(rec(old.binaryData))) pre.push(fe.forbidden('binaryData', 'field is immutable when `immutable` is set'));
        errs.unshift(...pre);
      }
      return errs;
    },
  };
}
