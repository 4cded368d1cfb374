/**
 * ObjectMeta checks that ResourceApi leaves to the strategies (it checks names and that labels and
 * annotations are strings): label and annotation syntax, the annotation size limit, ownerReferences and
 * finalizers, as apimachinery's `ValidateObjectMetaAccessor` words them. Also label selectors.
 */
import { fe, path, type FieldError } from './errors.ts';
import { goLabelSelector, goStrSlice } from './go.ts';
import { isObj, list, objects, rec, str, type Json } from './json.ts';
import { isQualifiedName, isValidLabelValue } from './names.ts';

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

export function validateLabels(labels: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(rec(labels))) {
    errs.push(...validateLabelName(k, field));
    for (const m of isValidLabelValue(str(v))) errs.push(fe.invalid(field, str(v), m));
  }
  return errs;
}

export function validateLabelName(key: string, field: string): FieldError[] {
  return isQualifiedName(key).map((m) => fe.invalid(field, key, m));
}

export function validateAnnotations(annotations: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(rec(annotations))) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fe.invalid(field, k, m));
    size += Buffer.byteLength(k) + Buffer.byteLength(str(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE) errs.push(fe.tooLong(field, TOTAL_ANNOTATION_SIZE));
  return errs;
}

function validateOwnerReferences(refs: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of objects(refs)) {
    const apiVersion = str(ref.apiVersion);
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (!version) errs.push(fe.invalid(path.child(field, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!str(ref.kind)) errs.push(fe.invalid(path.child(field, 'kind'), str(ref.kind), 'kind must not be empty'));
    if (!str(ref.name)) errs.push(fe.invalid(path.child(field, 'name'), str(ref.name), 'name must not be empty'));
    if (!str(ref.uid)) errs.push(fe.invalid(path.child(field, 'uid'), str(ref.uid), 'uid must not be empty'));
    if (ref.controller === true) {
      const current = `${str(ref.kind)}/${str(ref.name)}`;
      if (firstController) {
        errs.push(
          fe.invalidRaw(
            field,
            '[]v1.OwnerReference{…}',
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else firstController = current;
    }
  }
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizers(finalizers: unknown, field: string, kubeNames: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const names = list(finalizers).map(str);
  for (const f of names) {
    for (const m of isQualifiedName(f)) errs.push(fe.invalid(field, f, m));
    if (kubeNames && !f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(fe.invalid(field, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  if (names.includes('orphan') && names.includes('foregroundDeletion')) {
    errs.push(fe.invalidRaw(field, goStrSlice(names), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/**
 * The ObjectMeta checks besides the name, for any object. `kubeFinalizers`: kube-apiserver's own types
 * also require a finalizer without a `/` to be a standard one (`kubernetes`, `orphan`, `foregroundDeletion`);
 * the apiextensions server (CRDs and custom resources) and the aggregator use the generic checks only.
 */
export function validateObjectMeta(meta: Json, field = 'metadata', kubeFinalizers = true): FieldError[] {
  return [
    ...validateLabels(meta.labels, path.child(field, 'labels')),
    ...validateAnnotations(meta.annotations, path.child(field, 'annotations')),
    ...validateOwnerReferences(meta.ownerReferences, path.child(field, 'ownerReferences')),
    ...validateFinalizers(meta.finalizers, path.child(field, 'finalizers'), kubeFinalizers),
  ];
}

/** An update may not add finalizers to an object that is being deleted. */
export function validateObjectMetaUpdate(meta: Json, old: Json): FieldError[] {
  if (!old.deletionTimestamp) return [];
  const before = new Set(list(old.finalizers).map(str));
  const extra = [...new Set(list(meta.finalizers).map(str))].filter((f) => !before.has(f)).sort();
  if (extra.length === 0) return [];
  return [fe.forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${goStrSlice(extra)}`)];
}

/** `metav1validation.ValidateLabelSelector`. */
export function validateLabelSelector(selector: unknown, field: string): FieldError[] {
  if (!isObj(selector)) return [];
  const errs = validateLabels(selector.matchLabels, path.child(field, 'matchLabels'));
  objects(selector.matchExpressions).forEach((e, i) => {
    const p = path.index(path.child(field, 'matchExpressions'), i);
    const op = str(e.operator);
    const values = list(e.values);
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(fe.required(path.child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) errs.push(fe.forbidden(path.child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errs.push(fe.invalid(path.child(p, 'operator'), op, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(e.key), path.child(p, 'key')));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(str(v))) errs.push(fe.invalid(path.index(path.child(p, 'values'), j), str(v), m));
    });
  });
  return errs;
}

/** True when a LabelSelector selects the labels. A nil selector selects nothing; `{}` selects everything. */
export function selectorMatches(selector: unknown, labels: unknown): boolean {
  if (!isObj(selector)) return false;
  const l = rec(labels);
  for (const [k, v] of Object.entries(rec(selector.matchLabels))) if (l[k] !== v) return false;
  for (const e of objects(selector.matchExpressions)) {
    const key = str(e.key);
    const has = Object.prototype.hasOwnProperty.call(l, key);
    const values = list(e.values).map(str);
    switch (str(e.operator)) {
      case 'In':
        if (!has || !values.includes(str(l[key]))) return false;
        break;
      case 'NotIn':
        if (has && values.includes(str(l[key]))) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Whether `LabelSelectorAsSelector` would fail (an unknown operator or a malformed requirement). */
export function selectorParseError(selector: unknown): boolean {
  if (!isObj(selector)) return false;
  return objects(selector.matchExpressions).some((e) => {
    const op = str(e.operator);
    const n = list(e.values).length;
    if (op === 'In' || op === 'NotIn') return n === 0;
    if (op === 'Exists' || op === 'DoesNotExist') return n > 0;
    return true;
  });
}

export const isEmptySelector = (selector: unknown): boolean =>
  isObj(selector) && Object.keys(rec(selector.matchLabels)).length + list(selector.matchExpressions).length === 0;

export { goLabelSelector };
