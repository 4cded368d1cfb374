import { beforeEach, describe, expect, test } from 'vitest';
import type { ObjectStore } from '../../storage/object-store.ts';
import { add, run, runningPod, testWorld } from '../testing.ts';
import type { World } from './world.ts';

let world: World;
let store: ObjectStore;
const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeEach(() => {
  ({ world, store } = testWorld());
  add(store, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'game', namespace: 'default' }, data: { 'game.properties': 'lives=3\n', 'ui.properties': 'color=blue\n' } });
  add(store, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'site', namespace: 'default' }, data: { 'index.html': '<h1>from a ConfigMap</h1>\n' } });
  add(store, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'default' }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' } });
  add(store, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, data: { username: b64('admin'), password: b64('p@ss') } });
});

const saVolume = {
  name: 'kube-api-access-x7k2p',
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  },
};

function pod(name: string, image: string, mounts: Record<string, unknown>[], volumes: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  add(store, runningPod({ name, image, labels: { app: name }, container: { volumeMounts: mounts }, spec: { volumes, ...extra } }));
}

describe('mounted volumes', () => {
  test('a ConfigMap volume: files, and the atomic writer’s ..data links with ls -la', async () => {
    pod('p', 'busybox', [{ name: 'config', mountPath: '/etc/config' }], [{ name: 'config', configMap: { name: 'game' } }]);
    expect((await run(world, 'p', ['cat', '/etc/config/game.properties'])).stdout).toBe('lives=3\n');
    expect((await run(world, 'p', ['ls', '/etc/config'])).stdout).toBe('game.properties\nui.properties\n');
    const la = (await run(world, 'p', ['ls', '-la', '/etc/config'])).stdout.split('\n');
    expect(la[0]).toBe('total 12');
    expect(la[1]).toMatch(/^drwxrwxrwx +3 root +root +4096 Mar  2 08:50 \.$/);
    expect(la[3]).toMatch(/^drwxr-xr-x +2 root +root +4096 Mar  2 08:50 \.\.2026_03_02_08_50_00\.\d+$/);
    expect(la[4]).toMatch(/^lrwxrwxrwx +1 root +root +\d+ Mar  2 08:50 \.\.data -> \.\.2026_03_02_08_50_00\.\d+$/);
    expect(la[5]).toBe('lrwxrwxrwx    1 root     root            22 Mar  2 08:50 game.properties -> ..data/game.properties');
  });

  test('items pick keys and paths; the mount is read-only', async () => {
    pod('p', 'busybox', [{ name: 'config', mountPath: '/etc/config' }], [{ name: 'config', configMap: { name: 'game', items: [{ key: 'ui.properties', path: 'conf/ui.ini' }] } }]);
    expect((await run(world, 'p', ['cat', '/etc/config/conf/ui.ini'])).stdout).toBe('color=blue\n');
    expect((await run(world, 'p', ['ls', '/etc/config'])).stdout).toBe('conf\n');
    expect(await run(world, 'p', ['sh', '-c', 'echo x > /etc/config/new'])).toEqual({ stdout: '', stderr: "sh: can't create /etc/config/new: Read-only file system\n", code: 1 });
  });

  test('a subPath mount replaces one file; nginx serves it', async () => {
    pod('web', 'nginx:1.27', [{ name: 'site', mountPath: '/usr/share/nginx/html/index.html', subPath: 'index.html' }], [{ name: 'site', configMap: { name: 'site' } }]);
    expect((await run(world, 'web', ['ls', '/usr/share/nginx/html'])).stdout).toBe('50x.html\nindex.html\n');
    expect((await run(world, 'web', ['curl', '-s', 'localhost'])).stdout).toBe('<h1>from a ConfigMap</h1>\n');
  });

  test('a Secret volume holds the decoded values', async () => {
    pod('p', 'busybox', [{ name: 's', mountPath: '/etc/creds', readOnly: true }], [{ name: 's', secret: { secretName: 'creds', defaultMode: 0o400 } }]);
    expect((await run(world, 'p', ['cat', '/etc/creds/username', '/etc/creds/password'])).stdout).toBe('adminp@ss');
    expect((await run(world, 'p', ['ls', '-lL', '/etc/creds/password'])).stdout).toMatch(/^-r-------- +1 root +root +4 /);
  });

  test('the service account directory: token, ca.crt, namespace', async () => {
    pod('p', 'alpine', [{ name: 'kube-api-access-x7k2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }], [saVolume]);
    const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
    expect((await run(world, 'p', ['ls', dir])).stdout).toBe('ca.crt\nnamespace\ntoken\n');
    expect((await run(world, 'p', ['cat', `${dir}/namespace`])).stdout).toBe('default');
    expect((await run(world, 'p', ['cat', `${dir}/ca.crt`])).stdout).toContain('BEGIN CERTIFICATE');
    const token = (await run(world, 'p', ['cat', `${dir}/token`])).stdout;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; 'kubernetes.io': { pod: { name: string } } };
    expect(claims.sub).toBe('system:serviceaccount:default:default');
    expect(claims['kubernetes.io'].pod.name).toBe('p');
  });

  test('an emptyDir is shared by the pod’s containers', async () => {
    add(store, runningPod({
      name: 'pair',
      containers: [
        { name: 'writer', image: 'busybox', volumeMounts: [{ name: 'shared', mountPath: '/out' }] },
        { name: 'web', image: 'nginx:1.27', volumeMounts: [{ name: 'shared', mountPath: '/usr/share/nginx/html' }] },
      ],
      spec: { volumes: [{ name: 'shared', emptyDir: {} }] },
    }));
    await run(world, 'pair', ['sh', '-c', 'echo "<p>written by the sidecar</p>" > /out/index.html'], { container: 'writer' });
    expect((await run(world, 'pair', ['cat', '/usr/share/nginx/html/index.html'], { container: 'web' })).stdout).toBe('<p>written by the sidecar</p>\n');
    expect((await run(world, 'pair', ['curl', '-s', 'localhost'], { container: 'web' })).stdout).toBe('<p>written by the sidecar</p>\n');
  });

  test('what a sidecar’s own process writes to a shared volume is served by its neighbour', async () => {
    add(store, runningPod({
      name: 'pair',
      containers: [
        { name: 'writer', image: 'busybox', command: ['sh', '-c', 'while true; do date > /out/index.html; sleep 5; done'], volumeMounts: [{ name: 'shared', mountPath: '/out' }] },
        { name: 'web', image: 'nginx:1.27', volumeMounts: [{ name: 'shared', mountPath: '/usr/share/nginx/html' }] },
      ],
      spec: { volumes: [{ name: 'shared', emptyDir: {} }] },
    }));
    world.processFiles = (_ns, _pod, container) => (container === 'writer' ? { '/out/index.html': 'Mon Mar  2 09:00:00 UTC 2026\n', '/tmp/private': 'x' } : undefined);
    expect((await run(world, 'pair', ['curl', '-s', 'localhost'], { container: 'web' })).stdout).toBe('Mon Mar  2 09:00:00 UTC 2026\n');
    expect((await run(world, 'pair', ['ls', '/tmp'], { container: 'web' })).stdout).toBe('');
    expect((await run(world, 'pair', ['cat', '/tmp/private'], { container: 'writer' })).stdout).toBe('x');
  });

  test('files on a claim outlive the pod', async () => {
    const volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }];
    pod('db-0', 'busybox', [{ name: 'data', mountPath: '/data' }], volumes);
    await run(world, 'db-0', ['sh', '-c', 'echo v1 > /data/state']);
    store.remove({ group: '', resource: 'pods' }, 'default', 'db-0');
    add(store, { ...runningPod({ name: 'db-0', image: 'busybox', container: { volumeMounts: [{ name: 'data', mountPath: '/data' }] }, spec: { volumes } }), metadata: { name: 'db-0', namespace: 'default', uid: 'uid-db-0-second' } });
    expect((await run(world, 'db-0', ['ls', '/data'])).stdout).toBe('lost+found\nstate\n');
    expect((await run(world, 'db-0', ['cat', '/data/state'])).stdout).toBe('v1\n');
  });
});
