import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertReachable, ensureHome, readHomeFile } from './home.ts';

let dir: string;
let home: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'podium-home-'));
  home = path.join(dir, 'homes', 'a');
  mkdirSync(path.join(dir, 'homes', 'b'), { recursive: true });
  writeFileSync(path.join(dir, 'homes', 'b', 'secret'), 'b-secret');
  writeFileSync(path.join(dir, 'outside'), 'outside');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ensureHome', () => {
  it('creates a private folder and accepts it again', async () => {
    await ensureHome(home, undefined);
    await ensureHome(home, undefined);
    expect(statSync(home).mode & 0o777).toBe(0o700);
  });

  it('refuses a home that is a link', async () => {
    const link = path.join(dir, 'homes', 'link');
    symlinkSync(path.join(dir, 'homes', 'b'), link);
    await expect(ensureHome(link, undefined)).rejects.toThrow(/not a folder/);
  });
});

describe('assertReachable', () => {
  it('explains which folder keeps the learner uid from binding the home', async () => {
    const closed = path.join(dir, 'closed');
    mkdirSync(path.join(closed, 'homes'), { recursive: true, mode: 0o700 });
    chmodSync(closed, 0o700);
    await expect(assertReachable(path.join(closed, 'homes'), 54321, 'the home')).rejects.toThrow(`chmod o+x ${closed}`);
    for (const d of [dir, closed, path.join(closed, 'homes')]) chmodSync(d, 0o711);
    await expect(assertReachable(path.join(closed, 'homes'), 54321, 'the home')).resolves.toBeUndefined();
  });
});

describe('readHomeFile', () => {
  beforeAll(async () => {
    await ensureHome(home, undefined);
    mkdirSync(path.join(home, '.kube'), { recursive: true });
    writeFileSync(path.join(home, '.kube', 'config'), 'apiVersion: v1\n');
    symlinkSync('.kube/config', path.join(home, 'inner-link'));
    symlinkSync(path.join(dir, 'homes', 'b', 'secret'), path.join(home, 'to-b'));
    symlinkSync('../outside', path.join(home, 'up'));
    symlinkSync(path.join(dir, 'homes', 'b'), path.join(home, 'b-dir'));
    writeFileSync(path.join(home, 'big'), Buffer.alloc(2048, 'x'));
    execFileSync('mkfifo', [path.join(home, 'fifo')]);
  });

  it('reads files in every form of name', async () => {
    for (const name of ['.kube/config', '~/.kube/config', '/home/learner/.kube/config', 'inner-link']) {
      expect(await readHomeFile(home, name)).toBe('apiVersion: v1\n');
    }
  });

  it('says undefined for absent files, folders and fifos (without blocking)', async () => {
    expect(await readHomeFile(home, 'nope')).toBeUndefined();
    expect(await readHomeFile(home, '.kube')).toBeUndefined();
    expect(await readHomeFile(home, 'fifo')).toBeUndefined();
    expect(await readHomeFile(home, '')).toBeUndefined();
  });

  it('never leaves the home: .., absolute paths, links out', async () => {
    for (const name of ['../b/secret', '/etc/passwd', 'to-b', 'up', 'b-dir/secret', '.kube/../../b/secret']) {
      expect(await readHomeFile(home, name), name).toBeUndefined();
    }
  });

  it('refuses files larger than the bound', async () => {
    await expect(readHomeFile(home, 'big', { maxBytes: 1024 })).rejects.toThrow(/more than the 1024/);
    expect(await readHomeFile(home, 'big', { maxBytes: 4096 })).toHaveLength(2048);
  });
});
