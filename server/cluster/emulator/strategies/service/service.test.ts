import { describe, expect, it } from 'vitest';
import { NOW, testCluster, withoutIdentity } from '../testing.ts';

const svc = (name: string, spec: object = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } });
type Spec = { clusterIP: string; clusterIPs: string[]; ports: { nodePort?: number }[] };

describe('Service defaulting and allocation', () => {
  it('returns a ClusterIP Service as a real API server stores it', () => {
    const c = testCluster();
    const created = c.create('', 'v1', 'services', svc('web'));
    const ip = (created.spec as Spec).clusterIP;
    expect(ip).toMatch(/^10\.100\.\d+\.\d+$/);
    expect(withoutIdentity(created)).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: NOW },
      spec: {
        clusterIP: ip,
        clusterIPs: [ip],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        selector: { app: 'web' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    });
  });

  it('allocates node ports for NodePort and LoadBalancer Services', () => {
    const c = testCluster();
    const np = c.create('', 'v1', 'services', svc('np', { type: 'NodePort' }));
    expect(np.spec).toMatchObject({ type: 'NodePort', externalTrafficPolicy: 'Cluster' });
    expect((np.spec as Spec).ports[0]!.nodePort).toBeGreaterThanOrEqual(30000);
    const lb = c.create('', 'v1', 'services', svc('lb', { type: 'LoadBalancer' }));
    expect(lb.spec).toMatchObject({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' });
    expect((lb.spec as Spec).ports[0]!.nodePort).toBeLessThanOrEqual(32767);
  });

  it('honours a requested ClusterIP and refuses one that is taken or out of range', () => {
    const c = testCluster();
    expect((c.create('', 'v1', 'services', svc('a', { clusterIP: '10.100.0.10' })).spec as Spec).clusterIPs).toEqual(['10.100.0.10']);
    expect(c.fails(() => c.create('', 'v1', 'services', svc('b', { clusterIP: '10.100.0.10' }))).message).toBe(
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.100.0.10"}: failed to allocate IP 10.100.0.10: provided IP is already allocated',
    );
    expect(c.fails(() => c.create('', 'v1', 'services', svc('c', { clusterIP: '10.200.0.10' }))).message).toBe(
      'Service "c" is invalid: spec.clusterIPs: Invalid value: []string{"10.200.0.10"}: failed to allocate IP 10.200.0.10: the provided IP (10.200.0.10) is not in the valid range. The range of valid IPs is 10.100.0.0/16',
    );
  });

  it('gives headless Services no address', () => {
    const c = testCluster();
    expect(c.create('', 'v1', 'services', svc('db', { clusterIP: 'None' })).spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'] });
  });

  it('releases the address and node port on delete', () => {
    const c = testCluster();
    const def = c.def('', 'v1', 'services');
    c.create('', 'v1', 'services', svc('a', { type: 'NodePort', clusterIP: '10.100.5.5', ports: [{ port: 80, nodePort: 30080 }] }));
    const taken = c.fails(() => c.create('', 'v1', 'services', svc('b', { type: 'NodePort', clusterIP: '10.100.5.6', ports: [{ port: 80, nodePort: 30080 }] })));
    expect(taken.message).toBe('Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    c.api.delete(def, 'default', 'a');
    const again = c.create('', 'v1', 'services', svc('b', { type: 'NodePort', clusterIP: '10.100.5.5', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(again.spec).toMatchObject({ clusterIP: '10.100.5.5', ports: [{ nodePort: 30080 }] });
  });

  it('allocates nothing for a dry run, and nothing stays held by a refused create', () => {
    const c = testCluster();
    const def = c.def('', 'v1', 'services');
    const dry = c.api.create(def, 'default', svc('a', { clusterIP: '10.100.7.7' }) as never, { dryRun: true }).object;
    expect((dry.spec as Spec).clusterIP).toBe('10.100.7.7');
    c.fails(() => c.create('', 'v1', 'services', svc('Bad_Name', { clusterIP: '10.100.8.8' })));
    expect(c.create('', 'v1', 'services', svc('a', { clusterIP: '10.100.7.7' })).spec).toMatchObject({ clusterIP: '10.100.7.7' });
    expect(c.create('', 'v1', 'services', svc('b', { clusterIP: '10.100.8.8' })).spec).toMatchObject({ clusterIP: '10.100.8.8' });
  });
});

describe('Service validation messages', () => {
  const invalid = (body: object) => {
    const c = testCluster();
    return c.fails(() => c.create('', 'v1', 'services', body)).message;
  };

  it('checks ports, types, selectors and node ports', () => {
    expect(invalid(svc('h', { ports: [] }))).toBe('Service "h" is invalid: spec.ports: Required value');
    expect(invalid(svc('i', { ports: [{ port: 70000 }] }))).toBe(
      'Service "i" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]',
    );
    expect(invalid(svc('j', { type: 'Magic' }))).toBe('Service "j" is invalid: spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"');
    expect(invalid(svc('n', { ports: [{ port: 80 }, { port: 81 }] }))).toBe('Service "n" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]');
    expect(invalid(svc('d', { type: 'NodePort', ports: [{ port: 80, nodePort: 40000 }] }))).toBe(
      'Service "d" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('keeps the ClusterIP on update', () => {
    const c = testCluster();
    const a = c.create('', 'v1', 'services', svc('a', { clusterIP: '10.100.0.10' }));
    const next = { ...a, spec: { ...(a.spec as object), clusterIP: '10.100.0.11', clusterIPs: ['10.100.0.11'] } };
    expect(c.fails(() => c.api.update(c.def('', 'v1', 'services'), 'default', 'a', next)).message).toBe(
      'Service "a" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.100.0.11"}: may not change once set',
    );
    // A patch of the singular field alone: clusterIPs follows it, then the change is refused the same way.
    const singular = { ...a, spec: { ...(a.spec as object), clusterIP: '10.100.0.12' } };
    expect(c.fails(() => c.api.update(c.def('', 'v1', 'services'), 'default', 'a', singular)).message).toBe(
      'Service "a" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.100.0.12"}: may not change once set',
    );
  });
});
