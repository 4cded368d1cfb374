import { describe, expect, it } from 'vitest';
import { ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './ingress.ts';
import { ctx, obj } from './test-fixtures.ts';

const ingress = (spec: Record<string, unknown>, status: Record<string, unknown> = { loadBalancer: {} }) =>
  obj('networking.k8s.io/v1', 'Ingress', { name: 'web', namespace: 'default' }, { spec, status }, '2h');
const rule = (host?: string) => ({ ...(host ? { host } : {}), http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } });

// printers.go printIngress, formatHosts, formatPorts, ingressLoadBalancerStatusStringer.
describe('ingress', () => {
  it('prints an ALB ingress with its address', () => {
    const ing = ingress(
      { ingressClassName: 'alb', rules: [rule()] },
      { loadBalancer: { ingress: [{ hostname: 'k8s-default-web-2c4b6a8d9e-1234567890.us-west-2.elb.amazonaws.com' }] } },
    );
    expect(ingressPrinter.cells(ing, ctx)).toEqual(['web', 'alb', '*', 'k8s-default-web-2c4b6a8d9e-1234567890.us-west-2.elb.amazonaws.com', '80', '120m']);
    expect(ingressPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']);
  });

  it('prints <none> without a class, an empty address before provisioning, and 80, 443 with TLS', () => {
    const ing = ingress({ rules: [rule('shop.example.com')], tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] });
    expect(ingressPrinter.cells(ing, ctx).slice(1, 5)).toEqual(['<none>', 'shop.example.com', '', '80, 443']);
  });

  it('lists three hosts, then counts the other rules', () => {
    const ing = ingress({ rules: [rule('a.example.com'), rule(), rule('b.example.com'), rule('c.example.com'), rule('d.example.com')] });
    expect(ingressPrinter.cells(ing, ctx)[2]).toBe('a.example.com,b.example.com,c.example.com + 2 more...');
    expect(ingressPrinter.cells(ingress({ rules: [rule('a'), rule('b'), rule('c')] }), ctx)[2]).toBe('a,b,c');
  });
});

// printers.go printIngressClass.
describe('ingress class', () => {
  it('prints the controller and parameters', () => {
    const alb = obj('networking.k8s.io/v1', 'IngressClass', { name: 'alb' }, {
      spec: { controller: 'ingress.k8s.aws/alb', parameters: { apiGroup: 'elbv2.k8s.aws', kind: 'IngressClassParams', name: 'alb' } },
    });
    expect(ingressClassPrinter.cells(alb, ctx)).toEqual(['alb', 'ingress.k8s.aws/alb', 'IngressClassParams.elbv2.k8s.aws/alb', '10d']);
    const nginx = obj('networking.k8s.io/v1', 'IngressClass', { name: 'nginx' }, { spec: { controller: 'k8s.io/ingress-nginx' } });
    expect(ingressClassPrinter.cells(nginx, ctx)[2]).toBe('<none>');
  });
});

// printers.go printNetworkPolicy, metav1.FormatLabelSelector.
describe('network policy', () => {
  it('prints the pod selector, <none> for all pods', () => {
    const np = (podSelector: unknown) => obj('networking.k8s.io/v1', 'NetworkPolicy', { name: 'np', namespace: 'default' }, { spec: { podSelector, policyTypes: ['Ingress'] } });
    expect(networkPolicyPrinter.cells(np({ matchLabels: { app: 'db', tier: 'data' } }), ctx)).toEqual(['np', 'app=db,tier=data', '10d']);
    expect(networkPolicyPrinter.cells(np({}), ctx)[1]).toBe('<none>');
    expect(networkPolicyPrinter.cells(np({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev', 'ci'] }, { key: 'app', operator: 'Exists' }] }), ctx)[1]).toBe(
      'app,env notin (ci,dev)',
    );
  });
});
