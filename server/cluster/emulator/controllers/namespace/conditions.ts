/** The five conditions the namespace deleter reports while a namespace terminates. */
import { formatTime } from '../../meta/time.ts';
import type { Condition } from '../shared/types.ts';

type NsCondition = Omit<Condition, 'lastUpdateTime' | 'lastProbeTime'>;

const TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

const OK: Record<(typeof TYPES)[number], [reason: string, message: string]> = {
  NamespaceDeletionDiscoveryFailure: ['ResourcesDiscovered', 'All resources successfully discovered'],
  NamespaceDeletionGroupVersionParsingFailure: ['ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  NamespaceDeletionContentFailure: ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  NamespaceContentRemaining: ['ContentRemoved', 'All content successfully removed'],
  NamespaceFinalizersRemaining: ['ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
};

export interface ContentTotals {
  /** `<resource>.<group>` → instances left */
  remaining: Map<string, number>;
  /** finalizer → instances carrying it */
  finalizers: Map<string, number>;
  /** per-type deletion errors */
  errors: string[];
}

/** The failing conditions this attempt produced; types not listed are set to their OK variant. */
export function failures(t: ContentTotals): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  const remaining = [...t.remaining].filter(([, n]) => n > 0).map(([gr, n]) => `${gr} has ${n} resource instances`).sort();
  if (remaining.length > 0) out.set('NamespaceContentRemaining', ['SomeResourcesRemain', `Some resources are remaining: ${remaining.join(', ')}`]);
  const byFinalizer = [...t.finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
  if (byFinalizer.length > 0) {
    out.set('NamespaceFinalizersRemaining', ['SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${byFinalizer.join(', ')}`]);
  }
  if (t.errors.length > 0) {
    const msgs = [...t.errors].sort();
    out.set('NamespaceDeletionContentFailure', ['ContentDeletionFailed', `Failed to delete all resource types, ${msgs.length} remaining: ${msgs.join(', ')}`]);
  }
  return out;
}

/** Applies the conditions in upstream's fixed order; transition times move only when a status changes. */
export function updateConditions(current: NsCondition[] | undefined, failing: Map<string, [string, string]>, now: number): { conditions: NsCondition[]; changed: boolean } {
  const conditions = [...(current ?? [])].map((c) => ({ ...c }));
  let changed = false;
  for (const type of TYPES) {
    const bad = failing.get(type);
    const [reason, message] = bad ?? OK[type];
    const status = bad ? 'True' : 'False';
    const old = conditions.find((c) => c.type === type);
    if (!old) {
      conditions.push({ type, status, lastTransitionTime: formatTime(now), reason, message });
      changed = true;
    } else if (old.status !== status || old.reason !== reason || old.message !== message) {
      if (old.status !== status) old.lastTransitionTime = formatTime(now);
      old.status = status;
      old.reason = reason;
      old.message = message;
      changed = true;
    }
  }
  return { conditions, changed };
}
