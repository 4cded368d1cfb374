import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './server/browser/chromium.ts';
const [code, name, ...cmds] = process.argv.slice(2);
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await page.goto('http://localhost:4399/labs/kubectl-basics/');
if (page.url().includes('/join')) {
  await page.fill('#join-code', code!);
  await page.fill('#join-name', name!);
  await page.click('button[type="submit"]');
}
await page.waitForURL(/kubectl-basics\/$/);
await page.waitForFunction(() => document.querySelector('.xterm-rows')?.textContent?.includes('$'), null, { timeout: 30000 });
await page.locator('.xterm').click();
for (const c of cmds) {
  await page.keyboard.type('clear\n');
  await page.waitForFunction(() => !(document.querySelector('.xterm-rows')?.textContent ?? '').includes('__DONE__'), null, { timeout: 10000 });
  await page.keyboard.type(c + '; echo __DO""NE__\n', { delay: 2 });
  await page.waitForFunction(() => (document.querySelector('.xterm-rows')?.textContent ?? '').includes('__DONE__'), null, { timeout: 90000 });
  console.log('$ ' + c);
  console.log((await page.locator('.xterm-rows').innerText()).split('\n').filter((l) => l.trim() && !l.includes('__DO')).join('\n'));
}
await page.screenshot({ path: '/tmp/probe.png' });
await browser.close();
