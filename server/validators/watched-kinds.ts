/** The kinds each cluster must be watched for: those a lab's object, absent and count checks name. */
import { resolveKind } from '../../src/lib/labs/kinds.ts';
import type { Check } from '../../src/schemas/check.ts';
import type { WatchedKind } from './kube/cluster-reader.ts';

/** Validators may read anything; these are watched for them when a lab has any. */
const forValidators: WatchedKind[] = [
  { kind: 'Pod', apiVersion: 'v1' },
  { kind: 'Deployment', apiVersion: 'apps/v1' },
  { kind: 'Service', apiVersion: 'v1' },
];

/**
 * By cluster name (`defaultCluster` for checks that name none), each kind once; validators add
 * pods, deployments and services of the default cluster.
 */
export function watchedKinds(steps: { checks: Check[] }[], defaultCluster: string): Map<string, WatchedKind[]> {
  const out = new Map<string, Map<string, WatchedKind>>();
  for (const step of steps) {
    for (const check of step.checks) {
      const ref = 'object' in check ? check.object : 'absent' in check ? check.absent : 'count' in check ? check.count : undefined;
      if ('validator' in check) {
        const kinds = out.get(defaultCluster) ?? new Map<string, WatchedKind>();
        for (const k of forValidators) kinds.set(`${k.apiVersion}/${k.kind}`, k);
        out.set(defaultCluster, kinds);
      }
      if (!ref) continue;
      const resolved = resolveKind(ref.kind, ref.apiVersion);
      if (!resolved) continue;
      const cluster = ref.cluster ?? defaultCluster;
      const kinds = out.get(cluster) ?? new Map<string, WatchedKind>();
      kinds.set(`${resolved.apiVersion}/${resolved.kind}`, { kind: resolved.kind, apiVersion: resolved.apiVersion });
      out.set(cluster, kinds);
    }
  }
  return new Map([...out].map(([cluster, kinds]) => [cluster, [...kinds.values()]]));
}
