import { beforeEach, describe, expect, test } from 'vitest';
import type { ApiError } from '../../meta/errors.ts';
import { thrown } from '../../meta/testing.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { routingDeps } from '../container/container-system.ts';
import type { World } from '../container/world.ts';
import { NGINX_INDEX } from '../container/web-files.ts';
import { add, runningPod, service, testWorld } from '../testing.ts';
import { proxyRequest } from './api-proxy.ts';

let world: World;
let store: ObjectStore;

beforeEach(() => {
  ({ world, store } = testWorld());
  add(store, runningPod({ name: 'web-1', ip: '192.168.20.15', labels: { app: 'web' } }));
  add(store, runningPod({ name: 'srv', image: 'kicbase/echo-server:1.0', ip: '192.168.20.43', labels: { app: 'srv' } }));
  add(store, service('web', '10.100.12.34', [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }]));
  add(store, service('srv', '10.100.40.41', [{ port: 8080, targetPort: 8080, protocol: 'TCP' }]));
  add(store, service('empty', '10.100.40.43', [{ port: 80, targetPort: 80, protocol: 'TCP' }], { app: 'nobody' }));
});

const get = (resource: 'pods' | 'services', name: string, target = '/') =>
  proxyRequest(routingDeps(world), { resource, namespace: 'default', name, target, method: 'GET', headers: [['Accept', '*/*']], body: '' });
const refusal = (resource: 'pods' | 'services', name: string) => {
  const e = thrown<ApiError>(() => get(resource, name));
  return [e.code, e.reason, e.message];
};

describe("the API server's proxy", () => {
  test('reaches a Service by name:port-number, name:port-name or a bare name (unnamed port), and a pod by name', () => {
    for (const name of ['web:80', 'web:http', 'http:web:80']) expect(get('services', name)).toMatchObject({ status: 200, body: NGINX_INDEX });
    expect(get('services', 'srv').status).toBe(200);
    expect(get('pods', 'web-1')).toMatchObject({ status: 200, body: NGINX_INDEX });
    expect(get('services', 'srv:8080', '/path?q=1').body).toMatch(/^Request served by srv\n\nHTTP\/1.1 GET \/path\?q=1\n/);
    expect(get('services', 'web:http', '/nope').status).toBe(404);
  });

  test('refuses as kube-apiserver does', () => {
    expect(refusal('services', 'web:81')).toEqual([503, 'ServiceUnavailable', 'no service port 81 found for service "web"']);
    // A bare name only finds an unnamed port, as upstream matches endpoint port names.
    expect(refusal('services', 'web')).toEqual([503, 'ServiceUnavailable', 'no endpoints available for service "web"']);
    expect(refusal('services', 'empty:80')).toEqual([503, 'ServiceUnavailable', 'no endpoints available for service "empty:80"']);
    expect(refusal('services', 'nope')).toEqual([404, 'NotFound', 'services "nope" not found']);
    expect(refusal('services', 'ftp:web:80')).toEqual([400, 'BadRequest', 'invalid service request "ftp:web:80"']);
    expect(refusal('pods', 'web-1:8080')).toEqual([503, 'ServiceUnavailable', 'error trying to reach service: dial tcp 192.168.20.15:8080: connect: connection refused']);
    expect(refusal('pods', 'https:web-1:80')).toEqual([503, 'ServiceUnavailable', 'error trying to reach service: tls: first record does not look like a TLS handshake']);
  });
});
