import { list, rec, str, type Json } from '../json.ts';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export function nodeTaints(node: Json): Taint[] {
  return list(rec(node.spec).taints).map((t) => ({ key: str(t.key), value: str(t.value), effect: str(t.effect) }));
}

/** `Toleration.ToleratesTaint`: effect and key must match (empty means any); Exists ignores the value. */
export function tolerates(toleration: Json, taint: Taint): boolean {
  const effect = str(toleration.effect);
  if (effect !== '' && effect !== taint.effect) return false;
  const key = str(toleration.key);
  if (key !== '' && key !== taint.key) return false;
  const operator = str(toleration.operator) || 'Equal';
  if (operator === 'Exists') return true;
  if (operator === 'Equal') return str(toleration.value) === (taint.value ?? '');
  return false;
}

export function podTolerations(pod: Json): Json[] {
  return list(rec(pod.spec).tolerations);
}

/** The first taint with one of `effects` that no toleration of the pod tolerates. */
export function firstUntolerated(taints: Taint[], tolerations: Json[], effects: string[]): Taint | undefined {
  return taints.find((t) => effects.includes(t.effect) && !tolerations.some((tol) => tolerates(tol, t)));
}

/** How kube-scheduler names an untolerated taint: `{dedicated: gpu}`, `{node.kubernetes.io/not-ready: }`. */
export const formatTaint = (t: Taint) => `{${t.key}: ${t.value ?? ''}}`;
