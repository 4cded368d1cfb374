import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeRuntimeFiles } from './host-setup.ts';

let parent: string;
beforeEach(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'podium-runtime-'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

describe('writeRuntimeFiles', () => {
  it('writes world-readable generated files and binds them with the curated host /etc', async () => {
    const files = await writeRuntimeFiles({ parent, hostEtc: ['/etc/ssl', '/etc/hosts'], kubectlCompletion: '__start_kubectl() { :; }\n' });
    expect(statSync(files.dir).mode & 0o777).toBe(0o755);
    const targets = files.etc.map((b) => b.target);
    expect(targets).toEqual(['/etc/passwd', '/etc/group', '/etc/hosts', '/etc/nsswitch.conf', '/etc/podium', '/etc/ssl']);
    expect(files.etc.find((b) => b.target === '/etc/ssl')).toEqual({ source: '/etc/ssl', target: '/etc/ssl', optional: true });
    expect(readFileSync(path.join(files.dir, 'podium', 'bashrc'), 'utf8')).toContain('/etc/podium/kubectl-completion.bash');
    await files.remove();
  });

  it('removes the folders left by a server that died', async () => {
    mkdirSync(path.join(parent, 'podium-sandbox-999999999-abc'));
    mkdirSync(path.join(parent, `podium-sandbox-${process.ppid}-def`));
    const files = await writeRuntimeFiles({ parent, hostEtc: [] });
    expect(statSync(path.join(parent, `podium-sandbox-${process.ppid}-def`)).isDirectory()).toBe(true);
    expect(() => statSync(path.join(parent, 'podium-sandbox-999999999-abc'))).toThrow();
    await files.remove();
  });
});
