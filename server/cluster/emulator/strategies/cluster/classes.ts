/**
 * StorageClasses (reclaimPolicy Delete, volumeBindingMode Immediate; most fields fixed once created) and
 * PriorityClasses (preemptionPolicy PreemptLowerPriority; the value limit for user classes, the reserved
 * `system-` prefix, and one global default at most).
 */
import { ApiError } from '../../meta/errors.ts';
import type { Strategy } from '../../registry/strategy.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { isNil, semanticEqual, str, type Json } from '../shared/json.ts';

const RECLAIM = ['Delete', 'Retain'];
const BINDING = ['Immediate', 'WaitForFirstConsumer'];

export function storageClassStrategy(): Strategy {
  return {
    defaults(obj) {
      if (isNil(obj.reclaimPolicy)) obj.reclaimPolicy = 'Delete';
      if (isNil(obj.volumeBindingMode)) obj.volumeBindingMode = 'Immediate';
    },
    validate(obj, old) {
      const errs: FieldError[] = [];
      const provisioner = str(obj.provisioner);
      if (!provisioner) errs.push(fe.required('provisioner'));
      const reclaim = str(obj.reclaimPolicy);
      if (!RECLAIM.includes(reclaim)) errs.push(fe.notSupported('reclaimPolicy', reclaim, RECLAIM));
      const binding = str(obj.volumeBindingMode);
      if (!BINDING.includes(binding)) errs.push(fe.notSupported('volumeBindingMode', binding, BINDING));
      if (old) {
        if (!semanticEqual(obj.parameters, old.parameters)) errs.push(fe.forbidden('parameters', 'updates to parameters are forbidden.'));
        if (provisioner !== str(old.provisioner)) errs.push(fe.forbidden('provisioner', 'updates to provisioner are forbidden.'));
        if (reclaim !== str(old.reclaimPolicy)) errs.push(fe.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
        if (binding !== str(old.volumeBindingMode)) errs.push(fe.invalid('volumeBindingMode', binding, 'field is immutable'));
      }
      return errs;
    },
  };
}

const SYSTEM_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };
const HIGHEST_USER_PRIORITY = 1000000000;

export function priorityClassStrategy(): Strategy {
  return {
    defaults(obj) {
      if (isNil(obj.preemptionPolicy)) obj.preemptionPolicy = 'PreemptLowerPriority';
    },
    prepareForCreate(obj, ctx) {
      if (obj.globalDefault !== true) return;
      const other = ctx.store
        .list({ group: 'scheduling.k8s.io', resource: 'priorityclasses' })
        .find((pc) => (pc as unknown as Json).globalDefault === true && pc.metadata.name !== obj.metadata.name);
      if (other) {
        throw new ApiError(
          403,
          'Forbidden',
          `priorityclasses.scheduling.k8s.io "${obj.metadata.name ?? ''}" is forbidden: PriorityClass ${other.metadata.name} is already marked as default. Only one default can exist`,
          { name: obj.metadata.name ?? '', group: 'scheduling.k8s.io', kind: 'priorityclasses' },
        );
      }
    },
    validate(obj, old) {
      const errs: FieldError[] = [];
      const name = obj.metadata.name ?? '';
      const value = Number(obj.value ?? 0);
      if (name in SYSTEM_CLASSES) {
        if (SYSTEM_CLASSES[name] !== value) {
          errs.push(fe.forbidden('metadata.name', `${name} is a system priority class and its value must be ${SYSTEM_CLASSES[name]}`));
        }
      } else if (name.startsWith('system-')) {
        errs.push(fe.forbidden('metadata.name', "priority class names with 'system-' prefix are reserved"));
      } else if (value > HIGHEST_USER_PRIORITY) {
        errs.push(fe.forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
      }
      const pp = str(obj.preemptionPolicy);
      if (pp !== 'PreemptLowerPriority' && pp !== 'Never') errs.push(fe.notSupported('preemptionPolicy', pp, ['PreemptLowerPriority', 'Never']));
      if (old) {
        if (Number(old.value ?? 0) !== value) errs.push(fe.forbidden('value', 'may not be changed in an update.'));
        if (str(old.preemptionPolicy) !== pp) errs.push(fe.invalid('preemptionPolicy', pp, 'field is immutable'));
      }
      return errs;
    },
  };
}
