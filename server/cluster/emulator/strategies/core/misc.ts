/** The smaller core/v1 types: ServiceAccounts, Nodes, Endpoints, LimitRanges, ResourceQuotas. */
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { goStruct } from '../shared/go.ts';
import { child, eachObject, isObj, list, objects, rec, str } from '../shared/json.ts';
import { validateLabelName } from '../shared/meta.ts';
import { isValidLabelValue } from '../shared/names.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function serviceAccountStrategy(): Strategy {
  return {};
}

function validateTaints(taints: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  objects(taints).forEach((t, i) => {
    const p = `${field}[${i}]`;
    errs.push(...validateLabelName(str(t.key), `${p}.key`));
    const valueErrs = isValidLabelValue(str(t.value));
    if (valueErrs.length > 0) errs.push(fe.invalid(`${p}.value`, str(t.value), valueErrs.join(';')));
    const effect = str(t.effect);
    if (!effect) errs.push(fe.required(`${p}.effect`));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(fe.notSupported(`${p}.effect`, effect, TAINT_EFFECTS));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(str(t.key))) {
      const printed = goStruct('core.Taint', [['Key', JSON.stringify(str(t.key))], ['Value', JSON.stringify(str(t.value))], ['Effect', JSON.stringify(effect)], ['TimeAdded', '<nil>']]);
      errs.push({ field: p, reason: 'FieldValueDuplicate', message: `Duplicate value: ${printed}: taints must be unique by key and effect pair` });
    }
    keys.add(str(t.key));
    seen.set(effect, keys);
  });
  return errs;
}

export function nodeStrategy(k: KindContext): Strategy {
  return {
    statusSubresource: true,
    defaults(obj) {
      const status = rec(obj.status);
      if (isObj(status.capacity)) {
        k.decode.resourceList(status.capacity, false);
        if (!isObj(status.allocatable)) status.allocatable = { ...status.capacity };
      }
      if (isObj(status.allocatable)) k.decode.resourceList(status.allocatable, false);
    },
    validate(obj, old) {
      // The node's taints are reported under metadata, as upstream's ValidateNode does.
      const errs = validateTaints(rec(obj.spec).taints, 'metadata.taints');
      if (old) {
        const before = str(rec(old.spec).providerID);
        if (before && before !== str(rec(obj.spec).providerID)) {
          errs.push(fe.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
        }
        const cidrsBefore = list(rec(old.spec).podCIDRs).map(str);
        const cidrsNow = list(rec(obj.spec).podCIDRs).map(str);
        if (cidrsBefore.length > 0 && JSON.stringify(cidrsBefore) !== JSON.stringify(cidrsNow)) {
          errs.push(fe.forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
        }
      }
      return errs;
    },
  };
}

export function endpointsStrategy(): Strategy {
  return {
    defaults(obj) {
      eachObject(obj, 'subsets', (s) => eachObject(s, 'ports', (p) => {
        if (!str(p.protocol)) p.protocol = 'TCP';
      }));
    },
  };
}

/** LimitRange items of type Container default `default` from `max` and `defaultRequest` from `default`/`min`. */
export function limitRangeStrategy(k: KindContext): Strategy {
  return {
    defaults(obj) {
      const spec = child(obj, 'spec');
      eachObject(spec, 'limits', (item) => {
        for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) k.decode.resourceList(item[key]);
        if (item.type !== 'Container') return;
        const def = child(item, 'default');
        const req = child(item, 'defaultRequest');
        for (const [name, v] of Object.entries(rec(item.max))) if (!(name in def)) def[name] = v;
        for (const [name, v] of Object.entries(def)) if (!(name in req)) req[name] = v;
        for (const [name, v] of Object.entries(rec(item.min))) if (!(name in req)) req[name] = v;
      });
    },
  };
}

export function resourceQuotaStrategy(k: KindContext): Strategy {
  return {
    statusSubresource: true,
    defaults(obj) {
      k.decode.resourceList(rec(obj.spec).hard);
    },
    prepareForCreate(obj) {
      obj.status = {};
    },
  };
}
