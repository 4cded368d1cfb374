/** core/v1 PodTemplates: the embedded template gets PodSpec defaults and `ValidatePodTemplateSpec`. */
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { isObj, rec } from '../shared/json.ts';
import { defaultPodTemplate } from '../pod/template.ts';
import { validatePodTemplate } from '../pod/validate-spec.ts';

export function podTemplateStrategy(k: KindContext): Strategy {
  return {
    defaults(obj) {
      if (isObj(obj.template)) defaultPodTemplate(obj, 'template', k.decode);
    },
    validate: (obj) => validatePodTemplate(rec(obj.template), 'template'),
  };
}
