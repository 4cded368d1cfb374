/**
 * API defaults as the controllers read them: a field the API server would have defaulted is read as its
 * default when absent, so the loops behave the same with or without defaulting strategies. Nothing here
 * writes the defaults back.
 */
import type { Deployment, IntOrString, ReplicaSet } from './types.ts';

export const replicasOf = (o: { spec?: { replicas?: number } }): number => o.spec?.replicas ?? 1;
export const minReadySecondsOf = (o: { spec?: { minReadySeconds?: number } }): number => o.spec?.minReadySeconds ?? 0;

export const generationOf = (o: { metadata: { generation?: number } }): number => o.metadata.generation ?? 0;

export function strategyTypeOf(d: Deployment): 'RollingUpdate' | 'Recreate' {
  return d.spec?.strategy?.type === 'Recreate' ? 'Recreate' : 'RollingUpdate';
}

export function rollingParamsOf(d: Deployment): { maxSurge: IntOrString; maxUnavailable: IntOrString } {
  const ru = d.spec?.strategy?.rollingUpdate;
  return { maxSurge: ru?.maxSurge ?? '25%', maxUnavailable: ru?.maxUnavailable ?? '25%' };
}

/** `nil` means unlimited upstream; the API defaults apps/v1 to 10. */
export const revisionHistoryLimitOf = (o: { spec?: { revisionHistoryLimit?: number } }): number => o.spec?.revisionHistoryLimit ?? 10;

/** Defaulted to 600 for apps/v1 Deployments; MaxInt32 means "no deadline". */
export function progressDeadlineOf(d: Deployment): number | undefined {
  const v = d.spec?.progressDeadlineSeconds ?? 600;
  return v === 2147483647 ? undefined : v;
}

export const rsReplicasOf = (rs: ReplicaSet | undefined): number => (rs ? replicasOf(rs) : 0);
