/**
 * A learner holds a shell: these try to get out of it. Two learners with their own uids and homes;
 * learner A tries to reach B's files, the server's files and store, host ports and processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAddress, plantFile, processesOf, sandboxWorld, skipReason, type LearnerSpec, type SandboxWorld } from './harness.ts';

const UID_A = 20_101;
const UID_B = 20_102;

describe.skipIf(skipReason)('a learner cannot escape the sandbox', () => {
  let world: SandboxWorld;
  let a: LearnerSpec;
  let b: LearnerSpec;
  const run = (command: string, timeoutMs = 10_000) => world.driver.exec(a, command, { timeoutMs });

  beforeAll(async () => {
    world = await sandboxWorld();
    a = world.learner('alice', UID_A);
    b = world.learner('bob', UID_B);
    // Both homes exist as the platform leaves them; bob keeps a secret.
    await world.driver.exec(b, 'true');
    plantFile(b, 'secret.txt', 'bob-secret');
    await world.driver.exec(a, 'true');
  });

  afterAll(() => world?.destroy());

  describe('files', () => {
    it("does not see B's home, whatever the path", async () => {
      const bHostPath = path.join(b.home, 'secret.txt');
      const r = await run(
        [
          `cat ${bHostPath}`,
          `ls ${b.home}`,
          `echo x > ${b.home}/planted`,
          'ls /home',
          'cat /proc/*/root' + bHostPath,
          'cat /proc/1/root/home/learner/../bob/secret.txt',
          'find / -xdev -name secret.txt 2>/dev/null | head',
          'echo done',
        ].join('; '),
      );
      expect(r.stdout + r.stderr).not.toContain('bob-secret');
      expect(r.stderr).toContain(`cat: ${bHostPath}: No such file or directory`);
      expect(r.stderr).toContain(`ls: cannot access '${b.home}': No such file or directory`);
      expect(r.stdout).toMatch(/^learner\ndone\n$/);
    });

    it("runs as the learner's own host uid, and the homes are private to their uids", async () => {
      const running = run('sleep 1.5');
      await new Promise((resolve) => setTimeout(resolve, 700));
      const sleeping = processesOf(UID_A).map((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
      expect(sleeping).toContain('sleep');
      expect((await running).code).toBe(0);
      for (const [spec, uid] of [[a, UID_A], [b, UID_B]] as const) {
        const st = statSync(spec.home);
        expect([st.uid, st.gid, st.mode & 0o777]).toEqual([uid, uid, 0o700]);
      }
    });

    it('follows no link planted in the home out of it, inside or through readHomeFile', async () => {
      symlinkSync(path.join(b.home, 'secret.txt'), path.join(a.home, 'to-bob'));
      symlinkSync('/etc/shadow', path.join(a.home, 'shadow'));
      symlinkSync('../bob', path.join(a.home, 'bob-dir'));
      const r = await run('cat ~/to-bob ~/shadow ~/bob-dir/secret.txt 2>&1; true');
      expect(r.stdout).not.toContain('bob-secret');
      expect(r.stdout).not.toMatch(/root:/);
      for (const name of ['to-bob', 'shadow', 'bob-dir/secret.txt', '../bob/secret.txt', '~/../bob/secret.txt', `${b.home}/secret.txt`, '/etc/shadow']) {
        expect(await world.driver.readHomeFile(a.home, name), name).toBeUndefined();
      }
      plantFile(a, 'notes.txt', 'mine');
      expect(await world.driver.readHomeFile(a.home, '~/notes.txt')).toBe('mine');
    });

    it("sees nothing of the server: not the project, not the data dir or store, not /root", async () => {
      const r = await run(`ls /work ${world.dataDir} /root; cat ${world.dataDir}/podium.db; true`);
      expect(r.stderr).toContain("ls: cannot access '/work': No such file or directory");
      expect(r.stderr).toContain(`ls: cannot access '${world.dataDir}': No such file or directory`);
      expect(r.stderr).toContain("ls: cannot access '/root': No such file or directory");
      expect(r.stdout + r.stderr).not.toContain('secrets of every learner');
      // The whole tree: the system read-only, generated /etc, the home, /tmp (no /run: no socket yet).
      expect((await run('ls /')).stdout.split('\n').filter(Boolean)).toEqual(['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'sbin', 'tmp', 'usr']);
    });

    it('cannot change the system or the top of the tree', async () => {
      for (const target of ['/usr/bin/evil', '/etc/passwd', '/etc/evil', '/newfile', '/home/other']) {
        const r = await run(`echo x >> ${target}`);
        expect(r.code, target).not.toBe(0);
        expect(r.stderr, target).toMatch(/Read-only file system|Permission denied/);
      }
    });

    it('cannot gain privileges: no setuid, no new user namespace, no mount', async () => {
      const r = await run('grep -E "^(NoNewPrivs|CapEff|CapBnd)" /proc/self/status; unshare -U true 2>&1; unshare -rm true 2>&1; mount -t tmpfs x /tmp 2>&1; true');
      expect(r.stdout).toContain('NoNewPrivs:\t1');
      expect(r.stdout).toContain('CapEff:\t0000000000000000');
      expect(r.stdout).toContain('CapBnd:\t0000000000000000');
      expect(r.stdout).toMatch(/unshare: unshare failed: No space left on device/);
      expect(r.stdout).toMatch(/mount: .*(must be superuser|permission denied|Operation not permitted)/i);
    });

    it('has no controlling terminal in a command run for a check (no TIOCSTI into the server)', async () => {
      const r = await run('echo hi > /dev/tty');
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/No such device or address/);
    });
  });

  describe('network', () => {
    let hostServer: Server;
    let port: number;
    let contacted = 0;

    beforeAll(async () => {
      hostServer = createServer((socket) => {
        contacted++;
        socket.end('host-service\n');
      });
      await new Promise<void>((resolve) => hostServer.listen(0, '0.0.0.0', resolve));
      port = (hostServer.address() as { port: number }).port;
    });

    afterAll(() => new Promise<void>((resolve) => hostServer.close(() => resolve())));

    it('cannot reach a host port on loopback, with curl or bash', async () => {
      const r = await run(`curl -sS --max-time 3 http://127.0.0.1:${port}/ 2>&1; (exec 3<>/dev/tcp/127.0.0.1/${port} && cat <&3) 2>&1; true`);
      expect(r.stdout).toMatch(/Failed to connect to 127\.0\.0\.1 port \d+.*(Connection refused|Couldn't connect)/);
      expect(r.stdout).toMatch(/Connection refused/);
      expect(r.stdout).not.toContain('host-service');
      expect(contacted).toBe(0);
    });

    it("cannot reach the host's other interfaces or the internet", async () => {
      const address = hostAddress() ?? '192.0.2.2';
      const r = await run(`(exec 3<>/dev/tcp/${address}/${port}) 2>&1; (exec 3<>/dev/tcp/1.1.1.1/443) 2>&1; getent hosts example.com || echo no-dns; true`);
      expect(r.stdout).toMatch(/Network is unreachable[\s\S]*Network is unreachable/);
      expect(r.stdout).toContain('no-dns');
      expect(r.stdout).not.toContain('host-service');
      expect(contacted).toBe(0);
      // Only loopback exists inside.
      const links = await run("ip -o addr | awk '{print $2, $4}'");
      expect(links.stdout).toBe('lo 127.0.0.1/8\nlo ::1/128\n');
    });

    it("cannot reach the host's abstract Unix sockets", async () => {
      const name = `podium-e2e-${process.pid}`;
      const abstract = createServer((s) => s.end('abstract\n'));
      await new Promise<void>((resolve) => abstract.listen(`\0${name}`, resolve));
      try {
        const r = await run(`socat -T1 - ABSTRACT-CONNECT:${name} 2>&1; true`);
        expect(r.stdout).toMatch(/Connection refused/);
        expect(r.stdout).not.toContain('abstract\n');
      } finally {
        await new Promise<void>((resolve) => abstract.close(() => resolve()));
      }
    });
  });

  describe('processes', () => {
    let outside: ChildProcess;

    beforeAll(() => {
      // A process of the very same uid, but outside any sandbox.
      outside = spawn('sleep', ['60'], { uid: UID_A, gid: UID_A, stdio: 'ignore' });
    });

    afterAll(() => {
      outside.kill('SIGKILL');
    });

    it('sees only its own processes', async () => {
      // The glob runs in bash itself (no fork), so /proc holds exactly bwrap's init and bash then.
      const r = await run('ps aux; set -- /proc/[0-9]*; echo "$*"');
      const lines = r.stdout.trim().split('\n');
      const commands = lines.slice(1, -1).map((l) => l.trim().split(/\s+/)[10]);
      expect(commands, r.stdout).toEqual(['/usr/bin/bwrap', '/bin/bash', 'ps']);
      expect(lines.at(-1)).toBe('/proc/1 /proc/2');
      expect(r.stdout).not.toMatch(/node|vitest|sleep 60/);
    });

    it('cannot signal processes outside, even of its own uid', async () => {
      const r = await run(`kill -9 ${outside.pid} 2>&1; kill -9 1 2>&1; kill -9 -1; true`);
      expect(r.stdout).toMatch(/No such process/);
      expect(outside.exitCode).toBeNull();
      expect(outside.signalCode).toBeNull();
      expect(process.kill(outside.pid!, 0)).toBe(true);
    });
  });
});
