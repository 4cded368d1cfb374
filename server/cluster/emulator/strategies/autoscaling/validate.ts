/** HorizontalPodAutoscaler validation on the v2 shape (upstream validates the internal type, which is v2-like). */
import { fe, type FieldError } from '../shared/errors.ts';
import { isNil, isObj, objects, rec, str, type Json } from '../shared/json.ts';
import { isValidPathSegmentName } from '../shared/names.ts';
import { parseQuantity, quantityString, signOf } from '../shared/quantity.ts';

const SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const FIELD_OF: Record<string, string> = { Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource' };
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];

function validateRef(ref: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of ['kind', 'name']) {
    const v = str(ref[key]);
    if (!v) errs.push(fe.required(`${field}.${key}`));
    else errs.push(...isValidPathSegmentName(v).map((m) => fe.invalid(`${field}.${key}`, v, m)));
  }
  return errs;
}

function validateTarget(t: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(t.type);
  if (!type) errs.push(fe.required(`${field}.type`, 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') errs.push(fe.invalid(`${field}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  for (const key of ['value', 'averageValue']) {
    const q = parseQuantity(t[key]);
    if (q && signOf(q) !== 1) errs.push(fe.invalid(`${field}.${key}`, quantityString(q), 'must be positive'));
  }
  if (!isNil(t.averageUtilization) && Number(t.averageUtilization) < 1) errs.push(fe.invalid(`${field}.averageUtilization`, Number(t.averageUtilization), 'must be greater than 0'));
  return errs;
}

function validateMetric(m: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(m.type);
  if (!type) errs.push(fe.required(`${field}.type`, 'must specify a metric source type'));
  if (!SOURCE_TYPES.includes(type)) errs.push(fe.notSupported(`${field}.type`, type, SOURCE_TYPES));
  const present = Object.values(FIELD_OF).filter((k) => isObj(m[k]));
  const first = present[0];
  if (first) {
    const src = rec(m[first]);
    const p = `${field}.${first}`;
    const target = rec(src.target);
    if (first === 'resource' || first === 'containerResource') {
      if (!str(src.name)) errs.push(fe.required(`${p}.name`, 'must specify a resource name'));
      if (first === 'containerResource' && !str(src.container)) errs.push(fe.required(`${p}.container`, 'must specify a container'));
      errs.push(...validateTarget(target, `${p}.target`));
      if (isNil(target.averageUtilization) && isNil(target.averageValue)) errs.push(fe.required(`${p}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
      if (!isNil(target.averageUtilization) && !isNil(target.averageValue)) errs.push(fe.forbidden(`${p}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
    } else {
      if (first === 'object') errs.push(...validateRef(rec(src.describedObject), `${p}.describedObject`));
      const name = str(rec(src.metric).name);
      if (!name) errs.push(fe.required(`${p}.metric.name`, 'must specify a metric name'));
      errs.push(...validateTarget(target, `${p}.target`));
      if (first === 'pods' && isNil(target.averageValue)) errs.push(fe.required(`${p}.target.averageValue`, 'must specify a positive target averageValue'));
      if (first === 'object' && isNil(target.value) && isNil(target.averageValue)) errs.push(fe.required(`${p}.target.averageValue`, 'must set either a target value or averageValue'));
      if (first === 'external' && isNil(target.value) && isNil(target.averageValue)) errs.push(fe.required(`${p}.target.averageValue`, 'must set either a target value for metric or a per-pod target'));
    }
  }
  const expected = FIELD_OF[type];
  if (expected && !isObj(m[expected])) errs.push(fe.required(`${field}.${expected}`, 'must populate information for the given metric source'));
  if (present.length !== 1) for (const k of present.filter((k) => k !== expected)) errs.push(fe.forbidden(`${field}.${k}`, 'must populate the given metric source only'));
  return errs;
}

function validateRules(rules: unknown, field: string): FieldError[] {
  if (!isObj(rules)) return [];
  const errs: FieldError[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (!isNil(window) && Number(window) < 0) errs.push(fe.invalid(`${field}.stabilizationWindowSeconds`, Number(window), 'must be greater than or equal to zero'));
  if (!isNil(window) && Number(window) > 3600) errs.push(fe.invalid(`${field}.stabilizationWindowSeconds`, Number(window), 'must be less than or equal to 3600'));
  if (!isNil(rules.selectPolicy) && !SELECT_POLICIES.includes(str(rules.selectPolicy))) {
    errs.push(fe.notSupported(`${field}.selectPolicy`, str(rules.selectPolicy), SELECT_POLICIES));
  }
  const policies = objects(rules.policies);
  if (policies.length === 0) errs.push(fe.required(`${field}.policies`, 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const pp = `${field}.policies[${i}]`;
    if (!POLICY_TYPES.includes(str(p.type))) errs.push(fe.notSupported(`${pp}.type`, str(p.type), POLICY_TYPES));
    if (Number(p.value ?? 0) <= 0) errs.push(fe.invalid(`${pp}.value`, Number(p.value ?? 0), 'must be greater than zero'));
    const period = Number(p.periodSeconds ?? 0);
    if (period <= 0) errs.push(fe.invalid(`${pp}.periodSeconds`, period, 'must be greater than zero'));
    if (period > 1800) errs.push(fe.invalid(`${pp}.periodSeconds`, period, 'must be less than or equal to 1800'));
  });
  return errs;
}

export function validateHpaSpec(spec: Json, oldMinReplicas?: number): FieldError[] {
  const errs: FieldError[] = [];
  const lower = oldMinReplicas === 0 ? 0 : 1;
  const min = isNil(spec.minReplicas) ? undefined : Number(spec.minReplicas);
  const max = Number(spec.maxReplicas ?? 0);
  if (min !== undefined && min < lower) errs.push(fe.invalid('spec.minReplicas', min, `must be greater than or equal to ${lower}`));
  if (max < 1) errs.push(fe.invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (min !== undefined && max < min) errs.push(fe.invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateRef(rec(spec.scaleTargetRef), 'spec.scaleTargetRef'));
  objects(spec.metrics).forEach((m, i) => errs.push(...validateMetric(m, `spec.metrics[${i}]`)));
  if (isObj(spec.behavior)) {
    errs.push(...validateRules(spec.behavior.scaleUp, 'spec.behavior.scaleUp'), ...validateRules(spec.behavior.scaleDown, 'spec.behavior.scaleDown'));
  }
  return errs;
}
