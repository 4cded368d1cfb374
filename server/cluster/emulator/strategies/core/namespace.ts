/**
 * Namespaces: the `kubernetes.io/metadata.name` label, phase Active, and the `kubernetes` finalizer every
 * new namespace carries (spec.finalizers changes only through /finalize).
 */
import type { Strategy } from '../../registry/strategy.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { child, clone, list, rec, str } from '../shared/json.ts';
import { isQualifiedName } from '../shared/names.ts';

const LABEL = 'kubernetes.io/metadata.name';
const STANDARD = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);
const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

function validateFinalizers(finalizers: unknown): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of list(finalizers).map(str)) {
    errs.push(...isQualifiedName(f).map((m) => fe.invalid('spec.finalizers', f, m)));
    if (!f.includes('/') && !STANDARD.has(f)) errs.push(fe.invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

export function namespaceStrategy(): Strategy {
  return {
    statusSubresource: true,
    defaults(obj) {
      const name = obj.metadata.name ?? '';
      if (name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), [LABEL]: name };
      const status = child(obj, 'status');
      if (!str(status.phase)) status.phase = 'Active';
    },
    prepareForCreate(obj) {
      obj.status = { phase: 'Active' };
      const spec = child(obj, 'spec');
      const finalizers = list(spec.finalizers).map(str);
      if (!finalizers.includes('kubernetes')) finalizers.push('kubernetes');
      spec.finalizers = finalizers;
    },
    prepareForUpdate(obj, old) {
      child(obj, 'spec').finalizers = clone(rec(old.spec).finalizers);
    },
    validate(obj) {
      return validateFinalizers(rec(obj.spec).finalizers);
    },
    // A deleted namespace stays, Terminating, until the namespace controller has emptied it and removed
    // `kubernetes` from spec.finalizers through /finalize.
    deletionBlockers(obj) {
      return list(rec(obj.spec).finalizers).map(str);
    },
    // NamespaceLifecycle admission: the namespaces every cluster needs stay.
    deletionForbidden(obj) {
      return IMMORTAL.has(obj.metadata.name) ? 'this namespace may not be deleted' : undefined;
    },
    prepareForDeletion(obj) {
      child(obj, 'status').phase = 'Terminating';
    },
  };
}
