/** apps/v1 Deployments and ReplicaSets: defaults, validation, the immutable selector. */
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { goIntOrString, goLabelSelector, goStruct } from '../shared/go.ts';
import { child, defaultPtr, defaultStr, isNil, isObj, rec, str, type Json } from '../shared/json.ts';
import { selectorParseError } from '../shared/meta.ts';
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

/** The template part of ValidateDeploymentSpec / ValidateReplicaSetSpec. */
export function validateReplicaSetLike(spec: Json, word: string, kindWord: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isObj(spec.selector) && selectorParseError(spec.selector)) {
    errs.push(...validateSelectorAndTemplate(spec, { word, required: true }));
    errs.push(fe.invalidRaw('spec.selector', goLabelSelector(spec.selector), 'invalid label selector'));
    return errs;
  }
  errs.push(...validateSelectorAndTemplate(spec, { word, required: true }));
  errs.push(...validatePodTemplate(spec.template, 'spec.template'));
  errs.push(...longRunningTemplate(spec, kindWord));
  return errs;
}

/** `%#v` of apps.DeploymentStrategy; a set rollingUpdate prints as a pointer address, as Go does. */
function strategyRepr(s: Json): string {
  const ru = isObj(s.rollingUpdate) ? '(*apps.RollingUpdateDeployment)(0xc000a1c2e0)' : '(*apps.RollingUpdateDeployment)(nil)';
  return goStruct('apps.DeploymentStrategy', [['Type', JSON.stringify(str(s.type))], ['RollingUpdate', ru]]);
}

function validateStrategy(strategy: unknown): FieldError[] {
  const s = rec(strategy);
  const type = str(s.type);
  if (type === 'Recreate') {
    return isObj(s.rollingUpdate) ? [fe.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type !== 'RollingUpdate') return [fe.notSupportedRaw('spec.strategy', strategyRepr(s), ['Recreate', 'RollingUpdate'])];
  if (!isObj(s.rollingUpdate)) return [fe.required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil')];
  const ru = s.rollingUpdate;
  const p = 'spec.strategy.rollingUpdate';
  const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`), ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`)];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(fe.invalidRaw(`${p}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...notMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`));
  return errs;
}

export function defaultDeployment(obj: Json, k: KindContext): void {
  const spec = child(obj, 'spec');
  defaultPtr(spec, 'replicas', 1);
  const strategy = child(spec, 'strategy');
  defaultStr(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = child(strategy, 'rollingUpdate');
    defaultPtr(ru, 'maxUnavailable', '25%');
    defaultPtr(ru, 'maxSurge', '25%');
  }
  defaultPtr(spec, 'revisionHistoryLimit', 10);
  defaultPtr(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(spec, 'template', k.decode);
}

export function deploymentStrategy(k: KindContext): Strategy {
  return {
    statusSubresource: true,
    tracksGeneration: true,
    defaults: (obj) => defaultDeployment(obj, k),
    prepareForCreate(obj) {
      obj.status = {};
    },
    validate(obj, old) {
      const spec = rec(obj.spec);
      const errs = [...nonNegative(spec.replicas, 'spec.replicas'), ...validateReplicaSetLike(spec, 'deployment', 'ReplicaSet')];
      errs.push(...validateStrategy(spec.strategy));
      errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
      errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
      if (!isNil(spec.progressDeadlineSeconds)) {
        errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
        if (Number(spec.progressDeadlineSeconds) <= Number(spec.minReadySeconds ?? 0)) {
          errs.push(fe.invalid('spec.progressDeadlineSeconds', Number(spec.progressDeadlineSeconds), 'must be greater than minReadySeconds'));
        }
      }
      if (old) errs.push(...selectorImmutable(spec, rec(old.spec)));
      return errs;
    },
  };
}

export function replicaSetStrategy(k: KindContext): Strategy {
  return {
    statusSubresource: true,
    tracksGeneration: true,
    defaults(obj) {
      const spec = child(obj, 'spec');
      defaultPtr(spec, 'replicas', 1);
      defaultPodTemplate(spec, 'template', k.decode);
    },
    prepareForCreate(obj) {
      obj.status = { replicas: 0 };
    },
    validate(obj, old) {
      const spec = rec(obj.spec);
      const errs = [...nonNegative(spec.replicas, 'spec.replicas'), ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds')];
      errs.push(...validateReplicaSetLike(spec, 'deployment', 'ReplicaSet'));
      if (old) errs.push(...selectorImmutable(spec, rec(old.spec)));
      return errs;
    },
  };
}
