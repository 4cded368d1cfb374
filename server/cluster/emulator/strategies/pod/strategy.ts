/**
 * Pods: defaulting, the admission plugins that act on pod create (ServiceAccount, Priority,
 * DefaultTolerationSeconds), the initial status (Pending with its QoS class), and validation of creates
 * and of updates (only a few fields may change).
 */
import type { KubeObject } from '../../meta/types.ts';
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { child, list, rec, semanticEqual, str, type Json } from '../shared/json.ts';
import { admitServiceAccount } from './admission-service-account.ts';
import { admitDefaultTolerations, admitPriority, keepPriority } from './admission-scheduling.ts';
import { defaultPodOnly, defaultPodSpec } from './defaults.ts';
import { qosClassOf } from './qos.ts';
import { validatePodUpdate } from './update.ts';
import { validateEphemeralContainersUpdate } from './validate-ephemeral.ts';
import { validatePodOnly, validatePodSpec } from './validate-spec.ts';

function validatePod(pod: KubeObject): FieldError[] {
  const spec = rec(pod.spec);
  return [...validatePodSpec(spec, 'spec', { isPod: true }), ...validatePodOnly(spec)];
}

export function podStrategy({ decode }: KindContext): Strategy {
  return {
    statusSubresource: true,
    defaults(obj) {
      const spec = child(obj, 'spec');
      defaultPodSpec(spec, decode);
      defaultPodOnly(spec);
    },
    prepareForCreate(obj, ctx) {
      admitServiceAccount(obj, ctx);
      admitPriority(obj, ctx);
      admitDefaultTolerations(obj);
      obj.status = { phase: 'Pending', qosClass: qosClassOf(obj as unknown as Json) };
    },
    prepareForUpdate(obj, old) {
      keepPriority(obj, old);
      admitDefaultTolerations(obj);
    },
    validate(obj, old, ctx) {
      if (old && ctx?.subresource === 'ephemeralcontainers') return validateEphemeralContainersUpdate(obj as unknown as Json, old as unknown as Json);
      if (!old) {
        const errs = validatePod(obj);
        const spec = rec(obj.spec);
        if (list(spec.ephemeralContainers).length > 0) errs.push(fe.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
        if (str(spec.nodeName) && list(spec.schedulingGates).length > 0) {
          errs.push(fe.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
        }
        return errs;
      }
      // Status writes and metadata-only changes leave the spec alone: nothing more to check.
      if (semanticEqual(obj.spec, old.spec)) return [];
      return [...validatePod(obj), ...validatePodUpdate(obj as unknown as Json, old as unknown as Json)];
    },
  };
}
