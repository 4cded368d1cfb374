/** apps/v1 DaemonSets: defaults (RollingUpdate 1/0, history 10), validation, the immutable selector. */
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { goIntOrString, goStruct } from '../shared/go.ts';
import { child, defaultPtr, defaultStr, isObj, rec, str, type Json } from '../shared/json.ts';
import { defaultPodTemplate } from '../pod/template.ts';
import { validatePodTemplate } from '../pod/validate-spec.ts';
import {
  intOrPercentValue,
  longRunningTemplate,
  nonNegative,
  notMoreThan100Percent,
  selectorImmutable,
  validatePositiveIntOrPercent,
  validateSelectorAndTemplate,
} from './common.ts';

function validateUpdateStrategy(strategy: unknown): FieldError[] {
  const s = rec(strategy);
  const type = str(s.type);
  const p = 'spec.updateStrategy';
  if (type === 'OnDelete') return [];
  if (type !== 'RollingUpdate') {
    const printed = goStruct('apps.DaemonSetUpdateStrategy', [
      ['Type', JSON.stringify(type)],
      ['RollingUpdate', isObj(s.rollingUpdate) ? '(*apps.RollingUpdateDaemonSet)(0xc000a1c2e0)' : '(*apps.RollingUpdateDaemonSet)(nil)'],
    ]);
    return [fe.notSupportedRaw(p, printed, ['RollingUpdate', 'OnDelete'])];
  }
  if (!isObj(s.rollingUpdate)) return [fe.required(`${p}.rollingUpdate`)];
  const ru = s.rollingUpdate;
  const rp = `${p}.rollingUpdate`;
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, `${rp}.maxUnavailable`),
    ...validatePositiveIntOrPercent(ru.maxSurge, `${rp}.maxSurge`),
    ...notMoreThan100Percent(ru.maxUnavailable, `${rp}.maxUnavailable`),
    ...notMoreThan100Percent(ru.maxSurge, `${rp}.maxSurge`),
  ];
  const unavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const surge = intOrPercentValue(ru.maxSurge) !== 0;
  if (unavailable && surge) errs.push(fe.invalidRaw(`${rp}.maxSurge`, goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  if (!unavailable && !surge) errs.push(fe.required(`${rp}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

export function daemonSetStrategy(k: KindContext): Strategy {
  return {
    statusSubresource: true,
    tracksGeneration: true,
    defaults(obj) {
      const spec = child(obj, 'spec');
      const strategy = child(spec, 'updateStrategy');
      defaultStr(strategy, 'type', 'RollingUpdate');
      if (strategy.type === 'RollingUpdate') {
        const ru = child(strategy, 'rollingUpdate');
        defaultPtr(ru, 'maxUnavailable', 1);
        defaultPtr(ru, 'maxSurge', 0);
      }
      defaultPtr(spec, 'revisionHistoryLimit', 10);
      defaultPodTemplate(spec, 'template', k.decode);
    },
    prepareForCreate(obj) {
      obj.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    },
    validate(obj, old) {
      const spec = rec(obj.spec) as Json;
      const errs = validateSelectorAndTemplate(spec, { word: 'daemonset', required: false });
      errs.push(...validatePodTemplate(spec.template, 'spec.template'));
      errs.push(...longRunningTemplate(spec, 'DaemonSet'));
      errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
      errs.push(...validateUpdateStrategy(spec.updateStrategy));
      errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
      if (old) errs.push(...selectorImmutable(spec, rec(old.spec)));
      return errs;
    },
  };
}
