/** The NodeAffinity filter: `spec.nodeSelector` and required node affinity terms, as upstream matches them. */
import { list, rec, str, strMap, type Json } from '../json.ts';

function requirementMatches(expr: Json, value: string | undefined): boolean {
  const values = Array.isArray(expr.values) ? (expr.values as unknown[]).map(str) : [];
  const has = value !== undefined;
  switch (str(expr.operator)) {
    case 'In':
      return has && values.includes(value);
    case 'NotIn':
      return !has || !values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(value) || values.length !== 1 || !/^-?\d+$/.test(values[0]!)) return false;
      return str(expr.operator) === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default:
      return false;
  }
}

/** One NodeSelectorTerm: every matchExpression against labels and every matchField (metadata.name) must hold; an empty term matches nothing. */
export function termMatches(term: Json, node: Json): boolean {
  const expressions = list(term.matchExpressions);
  const fields = list(term.matchFields);
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = strMap(rec(node.metadata).labels);
  const name = str(rec(node.metadata).name);
  return (
    expressions.every((e) => requirementMatches(e, Object.prototype.hasOwnProperty.call(labels, str(e.key)) ? labels[str(e.key)] : undefined)) &&
    fields.every((f) => str(f.key) === 'metadata.name' && requirementMatches(f, name))
  );
}

/** True when the node satisfies the pod's nodeSelector and required node affinity. */
export function matchesNodeSelectorAndAffinity(pod: Json, node: Json): boolean {
  const spec = rec(pod.spec);
  const labels = strMap(rec(node.metadata).labels);
  for (const [k, v] of Object.entries(strMap(spec.nodeSelector))) if (labels[k] !== v) return false;
  const required = rec(rec(rec(spec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution);
  if (Object.keys(required).length === 0) return true;
  return list(required.nodeSelectorTerms).some((t) => termMatches(t, node));
}

/** Sum of the weights of the preferred node affinity terms the node matches. */
export function preferredAffinityScore(pod: Json, node: Json): number {
  const preferred = list(rec(rec(rec(pod.spec).affinity).nodeAffinity).preferredDuringSchedulingIgnoredDuringExecution);
  let score = 0;
  for (const p of preferred) if (termMatches(rec(p.preference), node)) score += Number(p.weight) || 0;
  return score;
}
