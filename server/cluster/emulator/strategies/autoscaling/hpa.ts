/**
 * HorizontalPodAutoscalers, served as autoscaling/v2 (stored) and autoscaling/v1. Each version gets its
 * own defaults; validation runs on the v2 form, as upstream validates the internal type.
 */
import { hpaV1ToV2, v2StatusShape } from '../../conversion/hpa.ts';
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { child, defaultPtr, isNil, rec, type Json } from '../shared/json.ts';
import { defaultHpaV2 } from './defaults.ts';
import { validateHpaSpec } from './validate.ts';

export function hpaStrategy(k: KindContext): Strategy {
  const v1 = k.def.version === 'v1';
  const asV2 = (obj: Json): Json => (v1 ? (hpaV1ToV2(obj as never) as unknown as Json) : obj);
  return {
    statusSubresource: true,
    tracksGeneration: true,
    defaults(obj) {
      const spec = child(obj, 'spec');
      if (v1) defaultPtr(spec, 'minReplicas', 1);
      else defaultHpaV2(spec, k.decode);
    },
    prepareForCreate(obj) {
      obj.status = v1 ? { currentReplicas: 0, desiredReplicas: 0 } : v2StatusShape({});
    },
    validate(obj, old) {
      const spec = rec(asV2(obj).spec);
      const oldMin = old ? rec(old.spec).minReplicas : undefined;
      return validateHpaSpec(spec, isNil(oldMin) ? undefined : Number(oldMin));
    },
  };
}
