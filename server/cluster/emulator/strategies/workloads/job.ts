/**
 * batch/v1 Jobs: defaults (SetDefaults_Job), the selector and pod labels generated from the uid on create
 * (the job strategy's generateSelector), validation, and what may not change on update.
 */
import { randomUUID } from 'node:crypto';
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { internalPodSpec } from '../shared/go-core-types.ts';
import { goDump } from '../shared/go-dump.ts';
import { goLabelSelector, goStrMap } from '../shared/go.ts';
import { child, defaultPtr, isNil, isObj, rec, semanticEqual, str, type Json } from '../shared/json.ts';
import { selectorMatches, validateLabelSelector } from '../shared/meta.ts';
import { defaultPodTemplate } from '../pod/template.ts';
import { templateMatch } from './common.ts';
import { validateJobSpec } from './job-spec.ts';

const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';
const JOB_NAME = 'batch.kubernetes.io/job-name';
const LEGACY_CONTROLLER_UID = 'controller-uid';
const LEGACY_JOB_NAME = 'job-name';

/** Job labels default to the template's when the Job has none (applied on every decode upstream). */
function defaultJobLabels(obj: Json): void {
  const meta = child(obj, 'metadata');
  const templateMeta = rec(rec(rec(obj.spec).template).metadata);
  if (isObj(templateMeta.labels) && Object.keys(rec(meta.labels)).length === 0) meta.labels = { ...templateMeta.labels };
}

export function defaultJob(obj: Json, k: KindContext): void {
  const spec = child(obj, 'spec');
  if (isNil(spec.completions) && isNil(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  defaultPtr(spec, 'parallelism', 1);
  defaultPtr(spec, 'backoffLimit', isNil(spec.backoffLimitPerIndex) ? 6 : 2147483647);
  defaultJobLabels(obj);
  defaultPtr(spec, 'completionMode', 'NonIndexed');
  defaultPtr(spec, 'suspend', false);
  defaultPtr(spec, 'podReplacementPolicy', isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed');
  defaultPtr(spec, 'manualSelector', false);
  defaultPodTemplate(spec, 'template', k.decode);
  if (isObj(spec.podFailurePolicy)) {
    for (const rule of Array.isArray(spec.podFailurePolicy.rules) ? spec.podFailurePolicy.rules : []) {
      for (const pattern of Array.isArray(rec(rule).onPodConditions) ? (rec(rule).onPodConditions as unknown[]) : []) {
        if (isObj(pattern)) defaultPtr(pattern, 'status', 'True');
      }
    }
  }
}

function generateSelector(obj: Json): void {
  const meta = rec(obj.metadata);
  const uid = str(meta.uid);
  const name = str(meta.name);
  const spec = child(obj, 'spec');
  const tmeta = child(child(spec, 'template'), 'metadata');
  const labels = child(tmeta, 'labels');
  for (const key of [LEGACY_JOB_NAME, JOB_NAME]) if (!(key in labels)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID, CONTROLLER_UID]) if (!(key in labels)) labels[key] = uid;
  const selector = child(spec, 'selector');
  const matchLabels = child(selector, 'matchLabels');
  if (!(CONTROLLER_UID in matchLabels)) matchLabels[CONTROLLER_UID] = uid;
}

function hasLabel(template: Json, key: string, expected: string): FieldError[] {
  const labels = rec(rec(template.metadata).labels);
  const field = `spec.template.metadata.labels[${key}]`;
  if (!(key in labels)) return [fe.required(field, `must be '${expected}'`)];
  if (labels[key] !== expected) return [fe.invalidRaw(field, goStrMap(labels), `must be '${expected}'`)];
  return [];
}

function validateGeneratedSelector(obj: Json, prefixed: boolean): FieldError[] {
  const spec = rec(obj.spec);
  if (spec.manualSelector === true || !isObj(spec.selector)) return [];
  const meta = rec(obj.metadata);
  const uid = str(meta.uid);
  const name = str(meta.name);
  const errs: FieldError[] = [];
  if (!uid) errs.push(fe.required('metadata.uid'));
  const template = rec(spec.template);
  errs.push(...hasLabel(template, LEGACY_CONTROLLER_UID, uid), ...hasLabel(template, LEGACY_JOB_NAME, name));
  const expected: Json = { [LEGACY_CONTROLLER_UID]: uid, [LEGACY_JOB_NAME]: name };
  if (prefixed) {
    errs.push(...hasLabel(template, CONTROLLER_UID, uid), ...hasLabel(template, JOB_NAME, name));
    expected[CONTROLLER_UID] = uid;
    expected[JOB_NAME] = name;
  }
  if (!selectorMatches(spec.selector, expected)) errs.push(fe.invalidRaw('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  return errs;
}

export function validateJob(obj: Json, prefixed: boolean): FieldError[] {
  const spec = rec(obj.spec);
  const errs = [...validateGeneratedSelector(obj, prefixed), ...validateJobSpec(spec, 'spec')];
  if (!isObj(spec.selector)) errs.push(fe.required('spec.selector'));
  else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  errs.push(...templateMatch(spec));
  const completions = Number(spec.completions ?? 0);
  if (spec.completionMode === 'Indexed' && completions > 0) {
    const host = `${str(rec(obj.metadata).name)}-${completions - 1}`;
    if (host.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(host)) {
      errs.push(fe.invalid('metadata.name', str(rec(obj.metadata).name), `will not able to create pod with invalid DNS label: ${host}`));
    }
  }
  return errs;
}

function validateJobUpdate(spec: Json, old: Json): FieldError[] {
  const errs: FieldError[] = [];
  const immutable = (key: string, printed: string) => {
    if (!semanticEqual(spec[key], old[key])) errs.push(fe.invalidRaw(`spec.${key}`, printed, 'field is immutable'));
  };
  immutable('completions', isNil(spec.completions) ? '"null"' : String(spec.completions));
  immutable('selector', goLabelSelector(spec.selector));
  immutable('template', goDump('core.PodTemplateSpec', { ...rec(spec.template), spec: internalPodSpec(rec(rec(spec.template).spec)) }));
  immutable('completionMode', JSON.stringify(str(spec.completionMode)));
  immutable('podFailurePolicy', isNil(spec.podFailurePolicy) ? '"null"' : goDump('batch.PodFailurePolicy', spec.podFailurePolicy));
  immutable('backoffLimitPerIndex', isNil(spec.backoffLimitPerIndex) ? '"null"' : String(spec.backoffLimitPerIndex));
  return errs;
}

export function jobStrategy(k: KindContext): Strategy {
  return {
    statusSubresource: true,
    tracksGeneration: true,
    defaults: (obj) => defaultJob(obj, k),
    prepareForCreate(obj) {
      obj.metadata.uid = randomUUID();
      if (rec(obj.spec).manualSelector !== true) generateSelector(obj);
      defaultJobLabels(obj);
      obj.status = {};
    },
    validate(obj, old) {
      if (!old) return validateJob(obj, true);
      const oldSpec = rec(old.spec);
      const oldLabels = rec(rec(rec(oldSpec.template).metadata).labels);
      const prefixed = JOB_NAME in oldLabels && CONTROLLER_UID in oldLabels;
      return [...validateJob(obj, prefixed), ...validateJobUpdate(rec(obj.spec), oldSpec)];
    },
  };
}
