/**
 * Checks shared by the apps/v1 workloads and Jobs: the label selector against the pod template, int-or-
 * percent values, non-negative counts, and the immutable selector on update.
 */
import { fe, path, type FieldError } from '../shared/errors.ts';
import { goIntOrString, goLabelSelector, goStrMap } from '../shared/go.ts';
import { isNil, isObj, rec, semanticEqual, str, type Json } from '../shared/json.ts';
import { isEmptySelector, selectorMatches, selectorParseError, validateLabelSelector } from '../shared/meta.ts';
import { isValidPercent } from '../shared/names.ts';

export function nonNegative(v: unknown, field: string): FieldError[] {
  if (isNil(v)) return [];
  const n = Number(v);
  return n < 0 ? [fe.invalid(field, n, 'must be greater than or equal to 0')] : [];
}

export interface SelectorOptions {
  /** Word used in "empty selector is invalid for <word>". */
  word: string;
  /** Whether a missing selector is reported as Required (DaemonSets only fail the template match). */
  required: boolean;
}

/** spec.selector checks, then whether it selects the template's labels. */
export function validateSelectorAndTemplate(spec: Json, opts: SelectorOptions): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector;
  if (!isObj(selector)) {
    if (opts.required) errs.push(fe.required('spec.selector'));
  } else {
    errs.push(...validateLabelSelector(selector, 'spec.selector'));
    if (isEmptySelector(selector)) errs.push(fe.invalidRaw('spec.selector', goLabelSelector(selector), `empty selector is invalid for ${opts.word}`));
  }
  errs.push(...templateMatch(spec));
  return errs;
}

/** `selector does not match template labels`, as LabelSelectorAsSelector + Matches decide (nil selects nothing, {} everything). */
export function templateMatch(spec: Json, field = 'spec.template.metadata.labels'): FieldError[] {
  const selector = spec.selector;
  if (isObj(selector) && selectorParseError(selector)) return [];
  if (isObj(selector) && isEmptySelector(selector)) return [];
  const labels = rec(rec(spec.template).metadata).labels;
  if (selectorMatches(selector, labels)) return [];
  return [fe.invalidRaw(field, goStrMap(labels), '`selector` does not match template `labels`')];
}

/** The pod template of a long-running workload: restartPolicy must be Always and activeDeadlineSeconds unset. */
export function longRunningTemplate(spec: Json, kind: string): FieldError[] {
  const tspec = rec(rec(spec.template).spec);
  const errs: FieldError[] = [];
  if (str(tspec.restartPolicy) !== 'Always') errs.push(fe.notSupported('spec.template.spec.restartPolicy', str(tspec.restartPolicy), ['Always']));
  if (!isNil(tspec.activeDeadlineSeconds)) {
    errs.push(fe.forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

export function selectorImmutable(spec: Json, old: Json): FieldError[] {
  if (semanticEqual(spec.selector, old.selector)) return [];
  return [fe.invalidRaw('spec.selector', goLabelSelector(spec.selector), 'field is immutable')];
}

function percentValue(v: unknown): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length > 0) return undefined;
  return Number(v.slice(0, -1));
}

/** `getIntOrPercentValue`: the percent number, or the int (strings that are not percents count as Atoi, 0 on failure). */
export function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  const n = Number.parseInt(String(v ?? '0'), 10);
  return Number.isNaN(n) || String(n) !== String(v) ? 0 : n;
}

export function validatePositiveIntOrPercent(v: unknown, field: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => fe.invalidRaw(field, goIntOrString(v), m));
  if (typeof v === 'number') return nonNegative(v, field);
  return [];
}

export function notMoreThan100Percent(v: unknown, field: string): FieldError[] {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [fe.invalidRaw(field, goIntOrString(v), 'must not be greater than 100%')] : [];
}

export const child = (p: string, ...names: string[]) => path.child(p, ...names);
