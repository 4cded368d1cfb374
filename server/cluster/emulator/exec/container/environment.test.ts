import { beforeEach, describe, expect, test } from 'vitest';
import type { ObjectStore } from '../../storage/object-store.ts';
import { add, run, runningPod, service, T0, testWorld } from '../testing.ts';
import type { World } from './world.ts';

let world: World;
let store: ObjectStore;
const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeEach(() => {
  ({ world, store } = testWorld());
  add(store, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { LOG_LEVEL: 'debug', 'app.properties': 'a=1\n', 'bad key': 'x' } });
  add(store, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, type: 'Opaque', data: { password: b64('s3cr3t'), user: b64('admin') } });
  add(store, service('kubernetes', '10.100.0.1', [{ name: 'https', port: 443, targetPort: 443, protocol: 'TCP' }], {}));
  add(store, service('web', '10.100.12.34', [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }]));
  add(store, service('headless', 'None', [{ port: 80, protocol: 'TCP' }]));
});

function pod(container: Record<string, unknown>, spec: Record<string, unknown> = {}) {
  add(store, runningPod({ name: 'p', image: 'busybox:1.37', container, spec }));
}

const printenv = async (...names: string[]) => (await run(world, 'p', ['printenv', ...names])).stdout;

describe('container environment', () => {
  test('values from ConfigMap and Secret keys, fields and resources, with $(VAR) references', async () => {
    pod(
      {
        env: [
          { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'LOG_LEVEL' } } },
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'MISSING', valueFrom: { configMapKeyRef: { name: 'nope', key: 'x', optional: true } } },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          { name: 'MEM_MI', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
          { name: 'GREETING', value: 'hello $(POD_NAME) at $(WEB_SERVICE_HOST), $$(LITERAL)' },
        ],
        resources: { limits: { memory: '128Mi' } },
      },
    );
    expect(await printenv('LEVEL', 'DB_PASSWORD', 'POD_NAME', 'POD_IP', 'NODE', 'MEM_MI', 'GREETING')).toBe(
      'debug\ns3cr3t\np\n192.168.20.15\nip-192-168-12-34.us-west-2.compute.internal\n128\nhello p at 10.100.12.34, $(LITERAL)\n',
    );
    expect((await run(world, 'p', ['printenv', 'MISSING'])).code).toBe(1);
  });

  test('envFrom with a prefix; keys that are not variable names are skipped', async () => {
    pod({ envFrom: [{ configMapRef: { name: 'app-config' } }, { secretRef: { name: 'db' }, prefix: 'DB_' }] });
    const env = (await run(world, 'p', ['env'])).stdout;
    expect(env).toContain('LOG_LEVEL=debug\napp.properties=a=1\n\nDB_password=s3cr3t\nDB_user=admin\n');
    expect(env).not.toContain('bad key');
  });

  test('service link variables; none with enableServiceLinks: false but always the API server’s', async () => {
    pod({});
    expect((await run(world, 'p', ['sh', '-c', 'env | grep ^WEB_ | sort'])).stdout).toBe(
      'WEB_PORT=tcp://10.100.12.34:80\nWEB_PORT_80_TCP=tcp://10.100.12.34:80\nWEB_PORT_80_TCP_ADDR=10.100.12.34\nWEB_PORT_80_TCP_PORT=80\nWEB_PORT_80_TCP_PROTO=tcp\nWEB_SERVICE_HOST=10.100.12.34\nWEB_SERVICE_PORT=80\nWEB_SERVICE_PORT_HTTP=80\n',
    );
    expect((await run(world, 'p', ['sh', '-c', 'env | grep -c HEADLESS'])).stdout).toBe('0\n');
    store.remove({ group: '', resource: 'pods' }, 'default', 'p');
    pod({}, { enableServiceLinks: false });
    const env = (await run(world, 'p', ['env'])).stdout;
    expect(env).not.toContain('WEB_SERVICE_HOST');
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.100.0.1');
  });

  test('services created after the container started are not in its environment', async () => {
    pod({});
    add(store, { ...service('late', '10.100.99.99', [{ port: 80, protocol: 'TCP' }]), metadata: { name: 'late', namespace: 'default', creationTimestamp: new Date(T0).toISOString() } });
    expect((await run(world, 'p', ['env'])).stdout).not.toContain('LATE_SERVICE_HOST');
  });

  test('the image user decides HOME, the pod securityContext the identity', async () => {
    pod({}, { securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000 } });
    expect((await run(world, 'p', ['id'])).stdout).toBe('uid=1000 gid=3000 groups=2000,3000\n');
    expect(await printenv('HOME')).toBe('/\n');
    expect((await run(world, 'p', ['whoami'])).stderr).toBe('whoami: unknown uid 1000\n');
  });
});
