import { describe, expect, it } from 'vitest';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './service.ts';
import { ctx, obj } from './test-fixtures.ts';

const svc = (name: string, spec: Record<string, unknown>, status: Record<string, unknown> = { loadBalancer: {} }, ns = 'default') =>
  obj('v1', 'Service', { name, namespace: ns }, { spec, status }, '3d');

// printers.go serviceColumnDefinitions.
describe('service columns', () => {
  it('match upstream', () => {
    expect(servicePrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      'Name:string:0',
      'Type:string:0',
      'Cluster-IP:string:0',
      'External-IP:string:0',
      'Port(s):string:0',
      'Age:string:0',
      'Selector:string:1',
    ]);
  });
});

// printers.go printService, getServiceExternalIP, makePortString, loadBalancerStatusStringer.
describe('service cells', () => {
  it('prints the kubernetes and kube-dns services', () => {
    const k8s = svc('kubernetes', { type: 'ClusterIP', clusterIP: '10.100.0.1', clusterIPs: ['10.100.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }] });
    expect(servicePrinter.cells(k8s, ctx)).toEqual(['kubernetes', 'ClusterIP', '10.100.0.1', '<none>', '443/TCP', '3d', '<none>']);
    const dns = svc(
      'kube-dns',
      {
        type: 'ClusterIP',
        clusterIP: '10.100.0.10',
        clusterIPs: ['10.100.0.10'],
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
      {},
      'kube-system',
    );
    expect(servicePrinter.cells(dns, ctx)).toEqual(['kube-dns', 'ClusterIP', '10.100.0.10', '<none>', '53/UDP,53/TCP,9153/TCP', '3d', 'k8s-app=kube-dns']);
  });

  it('prints <pending> for a LoadBalancer without ingress, with node ports', () => {
    const lb = svc('web', {
      type: 'LoadBalancer',
      clusterIP: '10.100.37.12',
      clusterIPs: ['10.100.37.12'],
      selector: { app: 'web', tier: 'frontend' },
      ports: [
        { name: 'http', port: 80, nodePort: 31380, protocol: 'TCP', targetPort: 8080 },
        { name: 'https', port: 443, nodePort: 31443, protocol: 'TCP', targetPort: 8443 },
      ],
    });
    expect(servicePrinter.cells(lb, ctx)).toEqual(['web', 'LoadBalancer', '10.100.37.12', '<pending>', '80:31380/TCP,443:31443/TCP', '3d', 'app=web,tier=frontend']);
  });

  it('prints the full ELB hostname (the server always prints wide, so no clipping)', () => {
    const host = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6-1234567890.us-west-2.elb.amazonaws.com';
    const lb = svc('web', { type: 'LoadBalancer', clusterIPs: ['10.100.37.12'], ports: [{ port: 80, nodePort: 31380, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ hostname: host }] } });
    expect(servicePrinter.cells(lb, ctx)[3]).toBe(host);
  });

  it('sorts and de-duplicates ingress points, then appends external IPs', () => {
    const lb = svc(
      'lb',
      { type: 'LoadBalancer', clusterIPs: ['10.100.1.1'], externalIPs: ['198.51.100.7'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] },
      { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { ip: '203.0.113.2' }, { ip: '203.0.113.9', hostname: 'x.example' }] } },
    );
    expect(servicePrinter.cells(lb, ctx)[3]).toBe('203.0.113.2,203.0.113.9,198.51.100.7');
  });

  it('prints NodePort, headless, ExternalName and external IPs', () => {
    const np = svc('np', { type: 'NodePort', clusterIPs: ['10.100.9.9'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] });
    expect(servicePrinter.cells(np, ctx).slice(1, 5)).toEqual(['NodePort', '10.100.9.9', '<none>', '80:30080/TCP']);
    const headless = svc('db', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'db' }, ports: [{ port: 5432, protocol: 'TCP' }] });
    expect(servicePrinter.cells(headless, ctx).slice(1, 5)).toEqual(['ClusterIP', 'None', '<none>', '5432/TCP']);
    const ext = svc('rds', { type: 'ExternalName', externalName: 'orders.cluster-abc.us-west-2.rds.amazonaws.com' });
    expect(servicePrinter.cells(ext, ctx).slice(1, 5)).toEqual(['ExternalName', '<none>', 'orders.cluster-abc.us-west-2.rds.amazonaws.com', '<none>']);
    const withIPs = svc('legacy', { clusterIP: '10.100.2.2', externalIPs: ['192.0.2.10', '192.0.2.11'], ports: [{ port: 8080 }] });
    expect(servicePrinter.cells(withIPs, ctx).slice(1, 5)).toEqual(['ClusterIP', '10.100.2.2', '192.0.2.10,192.0.2.11', '8080/TCP']);
  });
});

// printers.go printEndpoints, formatEndpoints.
describe('endpoints', () => {
  it('lists ip:port per port and address, three at most', () => {
    const ep = obj('v1', 'Endpoints', { name: 'kube-dns', namespace: 'kube-system' }, {
      subsets: [
        {
          addresses: [{ ip: '192.168.27.201' }, { ip: '192.168.60.14' }],
          ports: [
            { name: 'dns-tcp', port: 53, protocol: 'TCP' },
            { name: 'dns', port: 53, protocol: 'UDP' },
            { name: 'metrics', port: 9153, protocol: 'TCP' },
          ],
        },
      ],
    });
    expect(endpointsPrinter.cells(ep, ctx)).toEqual(['kube-dns', '192.168.27.201:53,192.168.60.14:53,192.168.27.201:53 + 3 more...', '10d']);
  });

  it('prints exactly three without "more", bare IPs without ports, IPv6 in brackets and <none> when empty', () => {
    const three = obj('v1', 'Endpoints', { name: 'web' }, { subsets: [{ addresses: [{ ip: '10.0.1.5' }, { ip: '10.0.1.6' }, { ip: '10.0.1.7' }], ports: [{ port: 80 }] }] });
    expect(endpointsPrinter.cells(three, ctx)[1]).toBe('10.0.1.5:80,10.0.1.6:80,10.0.1.7:80');
    const bare = obj('v1', 'Endpoints', { name: 'h' }, { subsets: [{ addresses: [{ ip: '10.0.1.5' }] }] });
    expect(endpointsPrinter.cells(bare, ctx)[1]).toBe('10.0.1.5');
    const v6 = obj('v1', 'Endpoints', { name: 'v6' }, { subsets: [{ addresses: [{ ip: 'fd00::5' }], ports: [{ port: 443 }] }] });
    expect(endpointsPrinter.cells(v6, ctx)[1]).toBe('[fd00::5]:443');
    expect(endpointsPrinter.cells(obj('v1', 'Endpoints', { name: 'empty' }), ctx)[1]).toBe('<none>');
    expect(endpointsPrinter.cells(obj('v1', 'Endpoints', { name: 'nr' }, { subsets: [{ notReadyAddresses: [{ ip: '10.0.1.9' }], ports: [{ port: 80 }] }] }), ctx)[1]).toBe('');
  });
});

// printers.go printEndpointSlice, formatDiscoveryPorts, formatDiscoveryEndpoints.
describe('endpoint slices', () => {
  it('prints address type, ports and endpoints', () => {
    const slice = obj('discovery.k8s.io/v1', 'EndpointSlice', { name: 'kube-dns-x7d2k', namespace: 'kube-system' }, {
      addressType: 'IPv4',
      ports: [
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'metrics', port: 9153, protocol: 'TCP' },
      ],
      endpoints: [
        { addresses: ['192.168.27.201'], conditions: { ready: true } },
        { addresses: ['192.168.60.14'], conditions: { ready: true } },
      ],
    });
    expect(endpointSlicePrinter.cells(slice, ctx)).toEqual(['kube-dns-x7d2k', 'IPv4', '53,53,9153', '192.168.27.201,192.168.60.14', '10d']);
  });

  it('prints <unset> when empty, names or * for ports without numbers, and + N more...', () => {
    const empty = obj('discovery.k8s.io/v1', 'EndpointSlice', { name: 'web-abcde' }, { addressType: 'IPv4', ports: null, endpoints: [] });
    expect(endpointSlicePrinter.cells(empty, ctx).slice(2, 4)).toEqual(['<unset>', '<unset>']);
    const odd = obj('discovery.k8s.io/v1', 'EndpointSlice', { name: 'x' }, {
      addressType: 'IPv4',
      ports: [{ name: 'http' }, {}, { port: 1 }, { port: 2 }],
      endpoints: [1, 2, 3, 4, 5].map((i) => ({ addresses: [`10.0.0.${i}`] })),
    });
    expect(endpointSlicePrinter.cells(odd, ctx).slice(2, 4)).toEqual(['http,*,1 + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...']);
  });
});
