import { beforeEach, describe, expect, test } from 'vitest';
import { add, run, runningPod, service, testWorld } from '../testing.ts';
import type { World } from '../container/world.ts';

let world: World;
const web = 'web-7d4b9c6d8-x2vqp';

beforeEach(() => {
  const t = testWorld();
  world = t.world;
  add(t.store, runningPod());
  add(t.store, runningPod({ name: 'bb', image: 'busybox:1.37', ip: '192.168.20.16', labels: { app: 'bb' }, container: { command: ['sleep', '3600'] } }));
  add(t.store, runningPod({ name: 'alp', image: 'alpine:3.21', ip: '192.168.20.17', labels: { app: 'alp' } }));
  add(t.store, runningPod({ name: 'curl', image: 'curlimages/curl:8.12.1', ip: '192.168.20.18', labels: { app: 'curl' } }));
  add(t.store, service('kubernetes', '10.100.0.1', [{ name: 'https', port: 443, targetPort: 443, protocol: 'TCP' }], {}));
});

const sh = (pod: string, script: string) => run(world, pod, ['sh', '-c', script]);

describe('files the kubelet writes', () => {
  test('hostname, hosts and resolv.conf', async () => {
    expect((await run(world, web, ['cat', '/etc/hostname'])).stdout).toBe(`${web}\n`);
    expect((await run(world, web, ['hostname'])).stdout).toBe(`${web}\n`);
    expect((await run(world, web, ['cat', '/etc/hosts'])).stdout).toBe(
      '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
        `192.168.20.15\t${web}\n`,
    );
    expect((await run(world, web, ['cat', '/etc/resolv.conf'])).stdout).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local us-west-2.compute.internal\nnameserver 10.100.0.10\noptions ndots:5\n',
    );
  });

  test('os-release per image base; busybox has none', async () => {
    expect((await run(world, web, ['cat', '/etc/os-release'])).stdout).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    expect((await run(world, 'alp', ['cat', '/etc/os-release'])).stdout).toContain('PRETTY_NAME="Alpine Linux v3.21"');
    expect(await run(world, 'bb', ['cat', '/etc/os-release'])).toEqual({ stdout: '', stderr: "cat: can't open '/etc/os-release': No such file or directory\n", code: 1 });
  });
});

describe('environment', () => {
  test('env: PATH, HOSTNAME, the image ENV, service variables, HOME', async () => {
    const lines = (await run(world, web, ['env'])).stdout.trim().split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      `HOSTNAME=${web}`,
      'NGINX_VERSION=1.27.5',
      'NJS_VERSION=0.8.10',
      'NJS_RELEASE=1~bookworm',
      'PKG_RELEASE=1~bookworm',
      'DYNPKG_RELEASE=1~bookworm',
    ]);
    expect(lines).toContain('KUBERNETES_SERVICE_HOST=10.100.0.1');
    expect(lines).toContain('KUBERNETES_PORT_443_TCP=tcp://10.100.0.1:443');
    expect(lines.at(-1)).toBe('HOME=/root');
  });

  test('printenv of one variable, and of a missing one', async () => {
    expect(await run(world, web, ['printenv', 'NGINX_VERSION'])).toEqual({ stdout: '1.27.5\n', stderr: '', code: 0 });
    expect(await run(world, web, ['printenv', 'NOPE'])).toEqual({ stdout: '', stderr: '', code: 1 });
  });

  test('env | grep, expansion, assignments', async () => {
    expect((await sh(web, 'env | grep KUBERNETES_SERVICE | sort')).stdout).toBe('KUBERNETES_SERVICE_HOST=10.100.0.1\nKUBERNETES_SERVICE_PORT=443\nKUBERNETES_SERVICE_PORT_HTTPS=443\n');
    expect((await sh(web, 'X=1; echo "x=$X home=$HOME ${MISSING:-default}"')).stdout).toBe('x=1 home=/root default\n');
    expect((await sh(web, 'A=b sh -c \'echo $A\'')).stdout).toBe('b\n');
  });
});

describe('the shell', () => {
  test('exit status, && and ||', async () => {
    expect((await sh(web, 'exit 3')).code).toBe(3);
    expect((await sh(web, 'false || echo recovered; true && echo yes; false && echo no')).stdout).toBe('recovered\nyes\n');
    expect((await sh(web, 'ls /nope; echo $?')).stdout).toBe('2\n');
  });

  test('command not found, in each shell’s words', async () => {
    expect(await sh(web, 'foo')).toEqual({ stdout: '', stderr: 'sh: 1: foo: not found\n', code: 127 });
    expect(await run(world, web, ['bash', '-c', 'echo a; foo'])).toEqual({ stdout: 'a\n', stderr: 'bash: line 1: foo: command not found\n', code: 127 });
    expect(await sh('bb', 'foo')).toEqual({ stdout: '', stderr: 'sh: foo: not found\n', code: 127 });
  });

  test('syntax errors', async () => {
    expect(await sh(web, 'if true; then echo x')).toEqual({ stdout: '', stderr: 'sh: 1: Syntax error: end of file unexpected (expecting "fi")\n', code: 2 });
    expect((await sh('bb', 'echo "unterminated')).code).toBe(2);
  });

  test('pipes, loops, command substitution, redirections', async () => {
    expect((await sh(web, 'printf "a\\nb\\nc\\n" | wc -l')).stdout).toBe('3\n');
    expect((await sh(web, 'for i in 1 2 3; do echo -n $i; done; echo')).stdout).toBe('123\n');
    expect((await sh(web, 'echo "$(hostname)-$((2+3))"')).stdout).toBe(`${web}-5\n`);
    expect((await sh(web, 'echo hi > /tmp/f; echo there >> /tmp/f; cat /tmp/f; ls /tmp')).stdout).toBe('hi\nthere\nf\n');
    expect(await sh(web, 'cat /nope 2>/dev/null || echo missing')).toEqual({ stdout: 'missing\n', stderr: '', code: 0 });
    expect((await sh(web, 'ls /etc/*.conf | head -3')).stdout).toBe('/etc/resolv.conf\n');
  });

  test('cd and pwd', async () => {
    expect((await sh(web, 'cd /usr/share/nginx/html && pwd && ls')).stdout).toBe('/usr/share/nginx/html\n50x.html\nindex.html\n');
    expect(await sh(web, 'cd /nope')).toEqual({ stdout: '', stderr: 'sh: 1: cd: can\'t cd to /nope\n', code: 2 });
    expect((await sh('bb', 'cd /nope')).stderr).toBe("sh: cd: can't cd to /nope: No such file or directory\n");
  });

  test('echo escapes: dash interprets them, bash only with -e', async () => {
    expect((await sh(web, 'echo "a\\tb"')).stdout).toBe('a\tb\n');
    expect((await run(world, web, ['bash', '-c', 'echo "a\\tb"; echo -e "c\\td"'])).stdout).toBe('a\\tb\nc\td\n');
  });

  test('writes persist between execs of the same container', async () => {
    await sh(web, 'echo kept > /tmp/note');
    expect((await run(world, web, ['cat', '/tmp/note'])).stdout).toBe('kept\n');
  });
});

describe('identity, kernel, processes, time', () => {
  test('id and whoami', async () => {
    expect((await run(world, web, ['id'])).stdout).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect((await run(world, 'bb', ['id'])).stdout).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
    expect((await run(world, 'curl', ['id'])).stdout).toBe('uid=100(curl_user) gid=101(curl_group) groups=101(curl_group)\n');
    expect((await run(world, 'curl', ['whoami'])).stdout).toBe('curl_user\n');
  });

  test('uname -a shows the EKS node kernel', async () => {
    expect((await run(world, 'bb', ['uname', '-a'])).stdout).toBe('Linux bb 6.1.132-147.221.amzn2023.x86_64 #1 SMP PREEMPT_DYNAMIC Tue Apr  8 13:14:54 UTC 2025 x86_64 GNU/Linux\n');
  });

  test('ps: pid 1 is the container command', async () => {
    const out = (await run(world, 'bb', ['ps'])).stdout.split('\n');
    expect(out[0]).toBe('PID   USER     TIME  COMMAND');
    expect(out[1]).toBe('    1 root      0:00 sleep 3600');
  });

  test('nginx -v writes to stderr', async () => {
    expect(await run(world, web, ['nginx', '-v'])).toEqual({ stdout: '', stderr: 'nginx version: nginx/1.27.5\n', code: 0 });
  });

  test('ps is not in the Debian-based nginx image', async () => {
    expect((await run(world, web, ['ps'])).code).toBe('exec: "ps": executable file not found in $PATH');
  });
});

describe('listing files', () => {
  test('ls -l in busybox layout', async () => {
    expect((await run(world, 'bb', ['ls', '-l', '/etc/hostname'])).stdout).toBe('-rw-r--r--    1 root     root             3 Mar  2 08:50 /etc/hostname\n');
  });

  test('ls -l in GNU layout with a symlink', async () => {
    expect((await run(world, web, ['ls', '-ld', '/bin'])).stdout).toBe('lrwxrwxrwx 1 root root 7 Apr 28  2025 /bin -> usr/bin\n');
  });

  test('date in the container (UTC)', async () => {
    expect((await run(world, 'bb', ['date'])).stdout).toBe('Mon Mar  2 09:00:00 UTC 2026\n');
    expect((await run(world, web, ['date', '+%F %T'])).stdout).toBe('2026-03-02 09:00:00\n');
  });

  test('a missing path', async () => {
    expect(await run(world, web, ['ls', '/nope'])).toEqual({ stdout: '', stderr: "ls: cannot access '/nope': No such file or directory\n", code: 2 });
    expect(await run(world, 'bb', ['ls', '/nope'])).toEqual({ stdout: '', stderr: 'ls: /nope: No such file or directory\n', code: 1 });
  });
});
