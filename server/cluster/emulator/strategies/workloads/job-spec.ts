/**
 * `validateJobSpec`, shared by Jobs and CronJob job templates: counts, completion mode, pod failure and
 * replacement policies, the pod template, and the restart policy (Never or OnFailure).
 */
import { fe, type FieldError } from '../shared/errors.ts';
import { isNil, isObj, list, rec, str, type Json } from '../shared/json.ts';
import { validatePodTemplate } from '../pod/validate-spec.ts';
import { nonNegative } from './common.ts';

const REPLACEMENT = ['Failed', 'TerminatingOrFailed'];

export function validateJobSpec(spec: Json, base: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) {
    errs.push(...nonNegative(spec[key], `${base}.${key}`));
  }
  if (!isNil(spec.maxFailedIndexes) && isNil(spec.backoffLimitPerIndex)) {
    errs.push(fe.required(`${base}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  }
  const mode = spec.completionMode;
  if (!isNil(mode)) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(fe.notSupported(`${base}.completionMode`, str(mode), ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (isNil(spec.completions)) errs.push(fe.required(`${base}.completions`, 'when completion mode is Indexed'));
      if (Number(spec.parallelism ?? 0) > 100000) {
        errs.push(fe.invalid(`${base}.parallelism`, Number(spec.parallelism), 'must be less than or equal to 100000 when completion mode is Indexed'));
      }
    }
  }
  if (isNil(mode) || mode === 'NonIndexed') {
    if (!isNil(spec.backoffLimitPerIndex)) errs.push(fe.invalid(`${base}.backoffLimitPerIndex`, Number(spec.backoffLimitPerIndex), 'requires indexed completion mode'));
    if (!isNil(spec.maxFailedIndexes)) errs.push(fe.invalid(`${base}.maxFailedIndexes`, Number(spec.maxFailedIndexes), 'requires indexed completion mode'));
  }
  if (isObj(spec.podFailurePolicy) && list(spec.podFailurePolicy.rules).length > 20) {
    errs.push(fe.tooMany(`${base}.podFailurePolicy.rules`, list(spec.podFailurePolicy.rules).length, 20));
  }
  if (!isNil(spec.podReplacementPolicy)) {
    const v = str(spec.podReplacementPolicy);
    if (isObj(spec.podFailurePolicy)) {
      if (v !== 'Failed') errs.push(fe.notSupported(`${base}.podReplacementPolicy`, v, ['Failed']));
    } else if (!REPLACEMENT.includes(v)) errs.push(fe.notSupported(`${base}.podReplacementPolicy`, v, REPLACEMENT));
  }
  errs.push(...validatePodTemplate(spec.template, `${base}.template`));
  const restart = str(rec(rec(spec.template).spec).restartPolicy);
  const rp = `${base}.template.spec.restartPolicy`;
  if (restart === 'Always' || restart === '') errs.push(fe.required(rp, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never') errs.push(fe.notSupported(rp, restart, ['OnFailure', 'Never']));
  else if (isObj(spec.podFailurePolicy) && restart !== 'Never') errs.push(fe.invalid(rp, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}
