import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumLaunchOptions } from '../../server/browser/chromium.ts';

/**
 * A learner's day against the real server: its own process and data dir, so that it can be
 * restarted mid-lab. Sandboxes need root and bubblewrap, as in production.
 */
const root = path.resolve(import.meta.dirname, '../..');
const PORT = 4471;
const BASE = `http://127.0.0.1:${PORT}`;
let dataDir: string;
let server: ChildProcess | undefined;

async function startServer(): Promise<void> {
  server = spawn(process.execPath, ['bin/podium.mjs', 'serve', '--host', '127.0.0.1', '--port', String(PORT), '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, PODIUM_WORKSHOP_CODE: 'e2e-42' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      if (log.includes('Podium is serving')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server!.stdout!.on('data', onData);
    server!.stderr!.on('data', onData);
    server!.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
  });
}

async function stopServer(): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server!.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

test.describe.configure({ mode: 'serial', timeout: 180_000 });
test.use({ baseURL: BASE, launchOptions: chromiumLaunchOptions(), viewport: { width: 1440, height: 900 } });

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'podium-e2e-labs-'));
  await startServer();
});
test.afterAll(async () => {
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
});

const LAB = '/labs/deploy-scale-expose/';
const step = (page: Page, id: string) => page.locator(`li.step[data-step="${id}"]`);

/** Types a command line into the xterm.js terminal, as a person would. */
async function typeCommand(page: Page, command: string): Promise<void> {
  await page.locator('.xterm').click();
  await page.keyboard.type(`${command}\n`, { delay: 5 });
}

async function terminalText(page: Page): Promise<string> {
  return page.locator('.xterm-rows').innerText();
}

async function join(page: Page, name: string): Promise<void> {
  await page.goto(LAB);
  await expect(page).toHaveURL(/\/join\?next=/);
  await page.fill('#join-code', 'E2E-42');
  await page.fill('#join-name', name);
  await page.click('button[type="submit"]');
  await expect(page).toHaveURL(new RegExp(`${LAB}$`));
}

test('a learner joins, works in the terminal, and steps turn green by themselves', async ({ page }) => {
  await join(page, 'Ada');
  await expect(page.locator('[data-seat-code]')).toHaveText(/^\d{6}$/);
  await expect(page.locator('.xterm-rows')).toContainText('learner@deploy-scale-expose:~$', { timeout: 30_000 });

  // A wrong attempt first: the Check button shows what was expected and what was seen.
  await step(page, 'create-deployment').locator('[data-action="check"]').click();
  const results = step(page, 'create-deployment').locator('[data-results]');
  await expect(results).toBeVisible();
  await expect(results).toContainText('Expected');
  await expect(results).toContainText('a Deployment named web in namespace default');
  await expect(results).toContainText('no such Deployment');

  // The real thing, typed into the terminal.
  await typeCommand(page, 'kubectl create deployment web --image=nginx:1.27');
  await expect(page.locator('.xterm-rows')).toContainText('deployment.apps/web created');
  await expect(step(page, 'create-deployment')).toHaveAttribute('data-status', 'passed', { timeout: 20_000 });
  await expect(step(page, 'scale')).toHaveAttribute('data-current', '');

  await typeCommand(page, 'kubectl scale deployment web --replicas=3');
  await expect(step(page, 'scale')).toHaveAttribute('data-status', 'passed', { timeout: 30_000 });
  await expect(page.getByText('2 of 7 steps done')).toBeVisible();
});

test('another browser needs the seat code to take a seat that is taken', async ({ page }) => {
  await page.goto(LAB);
  // The first test's browser context (and cookie) is gone: this is another browser joining as Ada.
  await expect(page).toHaveURL(/\/join/);
  await page.fill('#join-code', 'E2E-42');
  await page.fill('#join-name', 'Ada');
  await page.click('button[type="submit"]');
  await expect(page.locator('#join-seat')).toBeVisible();
  await expect(page.getByText(/already joined as .Ada./)).toBeVisible();
});

test('a reload finds the same screen; a server restart loses no progress, cluster or file', async ({ page }) => {
  await join(page, 'Grace');
  await expect(page.locator('.xterm-rows')).toContainText('learner@deploy-scale-expose:~$', { timeout: 30_000 });
  await typeCommand(page, 'kubectl create deployment web --image=nginx:1.27 && echo keep-me > note.txt');
  await expect(step(page, 'create-deployment')).toHaveAttribute('data-status', 'passed', { timeout: 20_000 });

  // Reload: the same page state and the terminal's screen come back.
  await page.reload();
  await expect(step(page, 'create-deployment')).toHaveAttribute('data-status', 'passed');
  await expect(page.locator('.xterm-rows')).toContainText('deployment.apps/web created', { timeout: 15_000 });

  await stopServer();
  await startServer();
  await page.reload();
  await expect(step(page, 'create-deployment')).toHaveAttribute('data-status', 'passed', { timeout: 20_000 });
  await expect(page.locator('.xterm-rows')).toContainText('learner@deploy-scale-expose:~$', { timeout: 30_000 });
  await typeCommand(page, 'cat note.txt; kubectl get deploy web -o name');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain('deployment.apps/web');
  expect(await terminalText(page)).toContain('keep-me');
});

test('a flood of output (yes, a 50 MB cat) never freezes the page or the server', async ({ page }) => {
  await join(page, 'Flood');
  await expect(page.locator('.xterm-rows')).toContainText('learner@deploy-scale-expose:~$', { timeout: 30_000 });
  await typeCommand(page, 'yes podium-flood');
  await page.waitForTimeout(2_000);
  // The page answers while the flood runs: the step's Check button works.
  await step(page, 'create-deployment').locator('[data-action="check"]').click();
  await expect(step(page, 'create-deployment').locator('[data-results]')).toBeVisible({ timeout: 10_000 });
  await page.keyboard.press('Control+C');
  await typeCommand(page, 'clear; head -c 50000000 /dev/zero | tr "\\0" x | fold -w 120');
  await page.waitForTimeout(2_000);
  await page.locator('.xterm').click();
  await page.keyboard.press('Control+C');
  await typeCommand(page, 'echo flood-over');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toContain('flood-over');
  // And the server still serves others.
  const health = await page.request.get('/healthz');
  expect(health.ok()).toBe(true);
});
