/**
 * Screenshots of the lab pages against the fake server, to look at:
 *   npx tsx tests/e2e/support/screenshots.ts [outDir]
 * (PODIUM_LABS_UI_SITE=<built site> skips the build.)
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../server/browser/chromium.ts';
import { startFakeLabServer, type FakeLabServer } from './fake-lab-server.ts';
import { buildFixtureSite, fixtureLabsDir } from './fixture-site.ts';

const LAB = 'first-deployment';

async function joined(browser: Browser, server: FakeLabServer, name: string, options: Parameters<Browser['newPage']>[0]): Promise<Page> {
  const page = await browser.newPage(options);
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${server.url}/join?next=/labs/${LAB}/`);
  await page.fill('#join-code', 'KUBE-101');
  await page.fill('#join-name', name);
  await page.click('[data-submit]');
  await page.waitForURL(`**/labs/${LAB}/`);
  await page.locator('[data-term-state="ok"]').waitFor();
  return page;
}

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? 'test-results/lab-screens');
  mkdirSync(out, { recursive: true });
  const server = await startFakeLabServer({ siteDir: buildFixtureSite(), labsDir: fixtureLabsDir, startDelayMs: 200 });
  const browser = await chromium.launch(chromiumLaunchOptions());
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(out, `${name}.png`) });
  try {
    for (const scheme of ['dark', 'light'] as const) {
      const join = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
      await join.goto(`${server.url}/join?next=/labs/${LAB}/`);
      await shot(join, `join-${scheme}`);
      server.addLearner(`Sam ${scheme}`, '4821');
      await join.fill('#join-code', 'KUBE-101');
      await join.fill('#join-name', `Sam ${scheme}`);
      await join.click('[data-submit]');
      await join.locator('[data-seat-field]').waitFor();
      await join.fill('#join-seat', '1111');
      await join.click('[data-submit]');
      await join.locator('[data-error-for="seatCode"]:not([hidden])').waitFor();
      await shot(join, `join-seat-taken-${scheme}`);
      await join.close();

      const name = `Ana ${scheme}`;
      const page = await joined(browser, server, name, { viewport: { width: 1280, height: 800 }, colorScheme: scheme });
      await shot(page, `lab-1280-top-${scheme}`);
      await page.locator('[data-step="create-deployment"] [data-code-action="run"]').first().click();
      await page.waitForTimeout(300);
      await page.keyboard.type('');
      await page.locator('[data-step="scale"] [data-action="hint"]').click();
      await page.locator('[data-step="scale"] [data-hint="1"]').waitFor();
      await page.locator('[data-step="scale"] [data-action="check"]').click();
      await page.locator('[data-step="scale"] .check-failed').first().waitFor();
      await shot(page, `lab-1280-${scheme}`);
      await page.locator('[data-step="scale"]').scrollIntoViewIfNeeded();
      await page.locator('[data-step="scale"]').screenshot({ path: path.join(out, `failed-check-${scheme}.png`) });
      await shot(page, `lab-1280-failed-${scheme}`);

      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.waitForTimeout(300);
      await shot(page, `lab-1920-${scheme}`);

      for (const step of ['scale', 'expose']) server.passStep(name, LAB, step);
      await page.locator('[data-complete]:not([hidden])').waitFor();
      await page.waitForTimeout(800);
      await shot(page, `complete-1920-${scheme}`);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.waitForTimeout(300);
      await shot(page, `complete-1280-${scheme}`);
      await page.close();

      const phone = await joined(browser, server, `Phone ${scheme}`, { viewport: { width: 390, height: 844 }, colorScheme: scheme, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      await shot(phone, `phone-top-${scheme}`);
      await phone.locator('[data-step="scale"] [data-action="check"]').click();
      await phone.locator('[data-step="scale"] .check-failed').first().scrollIntoViewIfNeeded();
      await shot(phone, `phone-check-${scheme}`);
      await phone.locator('#terminal').scrollIntoViewIfNeeded();
      await shot(phone, `phone-terminal-${scheme}`);
      await phone.close();
    }
    // States of the terminal side.
    const states = await joined(browser, server, 'States', { viewport: { width: 1280, height: 800 } });
    server.dropTerminals();
    await states.locator('[data-term-state="warn"]').waitFor();
    await shot(states, 'term-reconnecting');
    await states.locator('[data-term-state="ok"]').waitFor();
    await states.locator('.xterm-helper-textarea').focus();
    await states.keyboard.type('exit\r');
    await states.locator('[data-term-overlay][data-state="exited"]').waitFor();
    await shot(states, 'term-exited');
    await states.locator('[data-overlay-action]').click();
    await states.locator('[data-term-state="ok"]').waitFor();
    await states.locator('.xterm-helper-textarea').focus();
    await states.keyboard.type('unicode\r');
    await states.waitForTimeout(200);
    await states.keyboard.press('Control+Shift+F');
    await states.keyboard.type('Welcome');
    await states.waitForTimeout(300);
    await shot(states, 'term-search');
    server.setStartDelay(60_000);
    const starting = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await starting.goto(`${server.url}/join?next=/labs/scale-and-roll/`);
    await starting.fill('#join-code', 'KUBE-101');
    await starting.fill('#join-name', 'Slow');
    await starting.click('[data-submit]');
    await starting.locator('[data-term-overlay][data-state="starting"]').waitFor();
    await shot(starting, 'term-starting');
    await starting.goto(`${server.url}/`);
    await shot(starting, 'catalogue');
    console.log(`screenshots in ${out}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
