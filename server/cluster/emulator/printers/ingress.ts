/** Ingresses, IngressClasses and NetworkPolicies (networking.k8s.io). */
import type { StoredObject } from '../meta/types.ts';
import { age, ageColumn, col, nameColumn } from './columns.ts';
import { count, get, rec, records, str } from './fields.ts';
import { formatLabelSelector, loadBalancerIngress } from './format.ts';
import type { PrintContext, TablePrinter } from './types.ts';

/** `formatHosts`: up to three non-empty rule hosts; once three are listed, any further rule makes ` + N more...` (N counted over all rules). `*` when none. */
function hosts(rules: unknown): string {
  const all = records(rules);
  const shown: string[] = [];
  let more = false;
  for (const rule of all) {
    if (shown.length === 3) more = true;
    if (!more && str(rule.host)) shown.push(str(rule.host));
  }
  if (!shown.length) return '*';
  return more ? `${shown.join(',')} + ${all.length - 3} more...` : shown.join(',');
}

export const ingressPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn(),
  ],
  cells(ing: StoredObject, ctx: PrintContext) {
    const spec = rec(ing.spec);
    return [
      ing.metadata.name,
      typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>',
      hosts(spec.rules),
      loadBalancerIngress(get(ing, 'status.loadBalancer')),
      count(spec.tls) ? '80, 443' : '80',
      age(ing, ctx),
    ];
  },
};

export const ingressClassPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Controller', 'string', 'Controller that is responsible for handling this class'),
    col('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageColumn(),
  ],
  cells(ic: StoredObject, ctx: PrintContext) {
    const params = get(ic, 'spec.parameters');
    let parameters = '<none>';
    if (params && typeof params === 'object') {
      const p = rec(params);
      parameters = `${str(p.kind)}${typeof p.apiGroup === 'string' ? `.${p.apiGroup}` : ''}/${str(p.name)}`;
    }
    return [ic.metadata.name, str(get(ic, 'spec.controller')), parameters, age(ic, ctx)];
  },
};

export const networkPolicyPrinter: TablePrinter = {
  columns: [nameColumn(), col('Pod-Selector', 'string', 'extensions_v1beta1.NetworkPolicySpec.podSelector'), ageColumn()],
  cells: (np, ctx) => [np.metadata.name, formatLabelSelector(get(np, 'spec.podSelector')), age(np, ctx)],
};
