import { describe, expect, it } from 'vitest';
import { cgroupLayout, parseMountinfo } from './cgroup-layout.ts';

const mountinfo = [
  '31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755',
  '32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct',
  '35 31 0:32 /outer /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory',
  '39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids',
  '40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd',
  '41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw',
].join('\n');

describe('cgroupLayout', () => {
  it('finds the folder of each v1 controller and of the unified hierarchy', () => {
    const procCgroup = ['9:name=systemd:/', '8:pids:/', '4:memory:/outer/server', '2:cpu,cpuacct:/svc', '0::/svc'].join('\n');
    expect(cgroupLayout(procCgroup, mountinfo)).toEqual({
      v1: { memory: '/sys/fs/cgroup/memory/server', pids: '/sys/fs/cgroup/pids', cpu: '/sys/fs/cgroup/cpu,cpuacct/svc' },
      v2: '/sys/fs/cgroup/unified/svc',
    });
  });

  it('sees a pure cgroup v2 machine', () => {
    const info = '30 23 0:27 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate';
    expect(cgroupLayout('0::/system.slice/podium.service\n', info)).toEqual({ v1: {}, v2: '/sys/fs/cgroup/system.slice/podium.service' });
  });

  it('decodes escaped mount points', () => {
    expect(parseMountinfo('1 0 0:1 / /a\\040b rw - tmpfs tmpfs rw')[0]!.mountPoint).toBe('/a b');
  });
});
