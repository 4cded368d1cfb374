import { describe, expect, it } from 'vitest';
import { bwrapArgs, sandboxHostname, type BwrapPlan } from './bwrap-args.ts';
import { innerCommand } from './inner-init.ts';
import { launchCommand } from './launcher.ts';
import { defaultLimits } from './limits.ts';

const plan: BwrapPlan = {
  hostname: 'intro',
  home: '/data/homes/alice',
  apiSocket: '/data/sockets/alice/api.sock',
  system: [{ source: '/usr', target: '/usr' }],
  links: [{ path: '/bin', target: 'usr/bin' }],
  etc: [
    { source: '/run/podium-x/etc/passwd', target: '/etc/passwd' },
    { source: '/etc/ssl', target: '/etc/ssl', optional: true },
  ],
  extra: [{ source: '/opt/aws', target: '/opt/aws' }],
  tmpBytes: 1000,
  devShmBytes: 500,
  features: { size: true, perms: true, disableUserns: true },
  newSession: false,
  command: ['/bin/bash', '-i'],
};

const tools = { sh: '/bin/sh', prlimit: '/usr/bin/prlimit', setpriv: '/usr/bin/setpriv', bwrap: '/usr/bin/bwrap', socat: '/usr/bin/socat', setsid: '/usr/bin/setsid' };

describe('bwrapArgs', () => {
  it('builds the whole command line in order', () => {
    expect(bwrapArgs(plan).join(' ')).toBe(
      [
        '--unshare-all --unshare-user --disable-userns --die-with-parent',
        '--uid 1000 --gid 1000 --hostname intro --cap-drop ALL',
        '--ro-bind /usr /usr --symlink usr/bin /bin',
        '--proc /proc --dev /dev',
        '--perms 1777 --size 500 --tmpfs /dev/shm',
        '--perms 1777 --size 1000 --tmpfs /tmp',
        '--perms 0755 --dir /etc --ro-bind /run/podium-x/etc/passwd /etc/passwd --ro-bind-try /etc/ssl /etc/ssl',
        '--perms 0755 --dir /home --bind /data/homes/alice /home/learner',
        '--perms 0755 --dir /run/podium --ro-bind /data/sockets/alice/api.sock /run/podium/api.sock',
        '--ro-bind /opt/aws /opt/aws',
        '--remount-ro / --chdir /home/learner -- /bin/bash -i',
      ].join(' '),
    );
  });

  it('detaches commands from any terminal, and leaves out what an older bwrap lacks', () => {
    const args = bwrapArgs({ ...plan, newSession: true, apiSocket: undefined as never, features: { size: false, perms: false, disableUserns: false } });
    expect(args).toContain('--new-session');
    for (const flag of ['--size', '--perms', '--disable-userns', '/run/podium/api.sock']) expect(args).not.toContain(flag);
  });
});

describe('sandboxHostname', () => {
  it.each([
    ['intro', 'intro'],
    ['EKS Basics/01', 'eks-basics-01'],
    ['--', 'lab'],
    ['a'.repeat(80), 'a'.repeat(63)],
  ])('%s → %s', (lab, host) => expect(sandboxHostname(lab)).toBe(host));
});

describe('launchCommand', () => {
  const limits = { ...defaultLimits(2), cpuSecondsPerProcess: 100, fileSizeBytes: 2048, openFiles: 64, processesPerUser: 32 };

  it('joins the cgroups, sets rlimits, becomes the learner, then runs bwrap', () => {
    const { file, args } = launchCommand({ tools, cgroupProcs: ['/cg/memory/x/cgroup.procs', '/cg/pids/x/cgroup.procs'], limits, uid: 20001, bwrapArgs: ['--x'] });
    expect(file).toBe('/bin/sh');
    expect(args.slice(2)).toEqual([
      'podium-launch', '2', '/cg/memory/x/cgroup.procs', '/cg/pids/x/cgroup.procs',
      '/usr/bin/prlimit', '--cpu=100:110', '--fsize=2048', '--nofile=64', '--core=0', '--nproc=32', '--',
      '/usr/bin/setpriv', '--reuid=20001', '--regid=20001', '--clear-groups', '--',
      '/usr/bin/bwrap', '--x',
    ]);
  });

  it('skips the shell step without cgroups, and the uid change when the server is not root', () => {
    const { file, args } = launchCommand({ tools, cgroupProcs: [], limits, bwrapArgs: ['--x'] });
    expect(file).toBe('/usr/bin/prlimit');
    expect(args).toEqual(['--cpu=100:110', '--fsize=2048', '--nofile=64', '--core=0', '--', '/usr/bin/bwrap', '--x']);
  });
});

describe('innerCommand', () => {
  it('starts the forwarder in its own session before exec-ing the program', () => {
    const [sh, c, script = '', name, ...rest] = innerCommand(tools, ['/bin/bash', '-c', 'kubectl get pods']);
    expect([sh, c, name, rest]).toEqual(['/bin/sh', '-c', 'podium-init', ['/bin/bash', '-c', 'kubectl get pods']]);
    expect(script).toContain('/usr/bin/setsid /usr/bin/socat TCP-LISTEN:6443,bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:/run/podium/api.sock');
    expect(script).toContain('0100007F:192B');
    expect(script.trim().endsWith('exec "$@"')).toBe(true);
  });
});
