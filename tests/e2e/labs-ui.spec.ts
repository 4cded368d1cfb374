import { expect, test, type Browser, type Page } from '@playwright/test';
import { startFakeLabServer, type FakeLabServer } from './support/fake-lab-server.ts';
import { buildFixtureSite, fixtureLabsDir } from './support/fixture-site.ts';

// The lab pages against a fake server (tests/e2e/support/fake-lab-server.ts) that the spec starts on
// a free port, serving the site built from tests/fixtures/labs.
const LAB = 'first-deployment';
let server: FakeLabServer;
let names = 0;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startFakeLabServer({ siteDir: buildFixtureSite(), labsDir: fixtureLabsDir, startDelayMs: 300 });
});

test.afterAll(async () => {
  await server?.close();
});

test.beforeEach(() => server.setStartDelay(300));

/** A name no other test used: the fake server keeps every learner. */
const newName = (base: string) => `${base} ${++names}`;
const step = (page: Page, id: string) => page.locator(`[data-step="${id}"]`);
const terminalText = (page: Page) => page.locator('.xterm-rows');

async function join(page: Page, name: string, next = `/labs/${LAB}/`): Promise<void> {
  await page.goto(`${server.url}/join?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Workshop code').fill('KUBE-101');
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.waitForURL(`${server.url}${next}`);
}

async function openLab(page: Page, name: string): Promise<void> {
  await join(page, name);
  await expect(page.locator('[data-term-state="ok"]')).toHaveText('Connected');
  await expect(terminalText(page)).toContainText('@podium', { timeout: 15_000 });
}

async function typeInTerminal(page: Page, text: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(text);
}

test('the catalogue lists labs with title, description, duration and a Start button', async ({ page }) => {
  await page.goto(`${server.url}/`);
  const labs = page.locator('[data-catalogue="labs"] .card');
  await expect(labs).toHaveCount(2);
  const first = labs.first();
  await expect(first.locator('h3')).toHaveText('Your first Deployment');
  await expect(first.locator('p')).toContainText('Run nginx as a Deployment');
  await expect(first.locator('.duration')).toHaveText('20 min');
  await expect(first.getByRole('link', { name: 'Start lab' })).toHaveAttribute('href', `/labs/${LAB}/`);
});

test('a visitor who has not joined goes through /join and back to the lab', async ({ page }) => {
  const name = newName('Ana');
  await page.goto(`${server.url}/labs/${LAB}/`);
  await page.waitForURL(/\/join\?next=%2Flabs%2Ffirst-deployment%2F$/);
  await page.getByLabel('Workshop code').fill('kube-101');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your name').press('Enter');
  await page.waitForURL(`${server.url}/labs/${LAB}/`);
  const learner = page.locator('[data-learner]');
  await expect(learner).toContainText(name);
  await expect(learner.locator('[data-seat-code]')).toHaveText(server.learner(name).seatCode);
  await expect(learner).toContainText('Your seat code');
});

test('join mistakes show next to their field and keep what was typed', async ({ page }) => {
  await page.goto(`${server.url}/join`);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.locator('#join-code-error')).toContainText('Enter the workshop code');
  await expect(page.getByLabel('Workshop code')).toBeFocused();
  await page.getByLabel('Workshop code').fill('NOPE');
  await page.getByLabel('Your name').fill('Bo');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.locator('#join-code-error')).toHaveText('There is no workshop with this code. Check the code on the screen.');
  await expect(page.getByLabel('Workshop code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Workshop code')).toHaveValue('NOPE');
  await expect(page.getByLabel('Your name')).toHaveValue('Bo');
  await expect(page).toHaveURL(/\/join$/);
});

test('a taken name asks for the seat code that the first browser shows', async ({ browser }) => {
  const name = newName('Kim');
  const first = await browser.newPage();
  await openLab(first, name);
  const seat = await first.locator('[data-seat-code]').innerText();
  await first.locator('[data-step="scale"] [data-action="hint"]').click();
  await expect(first.locator('[data-step="scale"] .hint')).toHaveCount(1);

  const second = await browser.newPage();
  await second.goto(`${server.url}/join?next=/labs/${LAB}/`);
  await second.getByLabel('Workshop code').fill('KUBE-101');
  await second.getByLabel('Your name').fill(name);
  await second.getByRole('button', { name: 'Join' }).click();
  const seatField = second.locator('[data-seat-field]');
  await expect(seatField).toBeVisible();
  await expect(seatField).toContainText(`Someone has already joined as “${name}”`);
  await expect(seatField).toContainText('its top bar shows Your seat code');
  await expect(second.getByLabel('Seat code')).toBeFocused();
  await second.getByLabel('Seat code').fill('0000');
  await second.getByRole('button', { name: 'Join' }).click();
  await expect(second.locator('#join-seat-error')).toContainText('That seat code does not match');
  await expect(second.getByLabel('Your name')).toHaveValue(name);
  await second.getByLabel('Seat code').fill(seat);
  await second.getByRole('button', { name: 'Join' }).click();
  await second.waitForURL(`${server.url}/labs/${LAB}/`);
  await expect(second.locator('[data-seat-code]')).toHaveText(seat);
  // The same seat: the hint revealed in the first browser is there.
  await expect(second.locator('[data-step="scale"] .hint')).toHaveCount(1);
  await first.close();
  await second.close();
});

test('the lab page shows the steps while the cluster is prepared', async ({ page }) => {
  server.setStartDelay(1500);
  await join(page, newName('Lee'));
  await expect(page.locator('[data-term-overlay]')).toContainText('Preparing your cluster…');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your first Deployment');
  await expect(page.locator('.lab-intro')).toContainText('a shell with kubectl already pointed at it');
  await expect(page.locator('.step h2')).toHaveText(['Step 1: Create the web Deployment', 'Step 2: Scale it to three replicas', 'Step 3: Give it a stable address']);
  await expect(step(page, 'create-deployment').locator('[data-step-status]')).toHaveText('In progress');
  await expect(step(page, 'scale').locator('[data-step-status]')).toHaveText('Not started');
  await expect(page.locator('[data-progress-label]')).toHaveText('0 of 3 steps done');
  await expect(page.locator('[data-term-state="ok"]')).toHaveText('Connected', { timeout: 10_000 });
  await expect(page.locator('[data-term-overlay]')).toBeHidden();
  // Shell blocks run and copy; a transcript runs its commands; YAML only copies.
  const create = step(page, 'create-deployment').locator('.code-block');
  await expect(create).toHaveCount(2);
  await expect(create.nth(0).getByRole('button')).toHaveText(['Run', 'Copy']);
  await expect(create.nth(1).getByRole('button')).toHaveText(['Run', 'Copy']);
  const yaml = step(page, 'scale').locator('.code-block[data-language="yaml"]');
  await expect(yaml.getByRole('button')).toHaveText(['Copy']);
  // The step without a solution to show has no such button.
  await expect(step(page, 'expose').locator('[data-action="solution"]')).toHaveCount(0);
});

test('Run types the command into the terminal, and the step turns green by itself', async ({ page }) => {
  const name = newName('Max');
  await openLab(page, name);
  await step(page, 'create-deployment').locator('.code-block').first().getByRole('button', { name: 'Run' }).click();
  await expect.poll(() => server.received(name, LAB)).toContain('kubectl create deployment web --image=nginx:1.27\r');
  await expect(terminalText(page)).toContainText('deployment.apps/web created');
  await expect(step(page, 'create-deployment')).toHaveAttribute('data-status', 'passed');
  await expect(step(page, 'create-deployment').locator('[data-step-status]')).toHaveText('Done');
  await expect(page.locator('[data-progress-label]')).toHaveText('1 of 3 steps done');
  await expect(step(page, 'scale')).toHaveAttribute('data-current', '');
  // A transcript runs only its command, not its output.
  await step(page, 'create-deployment').locator('.code-block').nth(1).getByRole('button', { name: 'Run' }).click();
  await expect.poll(() => server.received(name, LAB)).toContain('kubectl get pods\r');
  expect(server.received(name, LAB)).not.toContain('READY');
});

test('a live step message turns a step green without a reload', async ({ page }) => {
  const name = newName('Noor');
  await openLab(page, name);
  await expect(step(page, 'create-deployment')).toHaveAttribute('data-status', 'current');
  server.passStep(name, LAB, 'create-deployment');
  await expect(step(page, 'create-deployment')).toHaveAttribute('data-status', 'passed');
  await expect(step(page, 'create-deployment').locator('[data-step-status]')).toHaveText('Done');
  await expect(step(page, 'create-deployment').locator('.check-passed')).toHaveCount(2);
  await expect(page.locator('[data-progress] [role="progressbar"]')).toHaveAttribute('aria-valuenow', '1');
});

test('a failed check shows, for each check, what was expected and what was seen', async ({ page }) => {
  await openLab(page, newName('Omar'));
  const create = step(page, 'create-deployment');
  await create.getByRole('button', { name: 'Check' }).click();
  await expect(create).toHaveAttribute('data-status', 'failed');
  await expect(create.locator('[data-step-status]')).toHaveText('Not yet');
  await expect(create.locator('.results-summary')).toContainText('0 of 2 checks passed.');
  const failed = create.locator('.check-failed');
  await expect(failed).toHaveCount(2);
  await expect(failed.first().locator('.check-title')).toHaveText('Deployment web exists');
  await expect(failed.first().locator('.check-badge')).toHaveText('Not yet');
  await expect(failed.first().locator('.check-message')).toHaveText('Create a Deployment called web that runs nginx:1.27.');
  await expect(failed.first().locator('.check-message code')).toHaveText(['web', 'nginx:1.27']);
  await expect(failed.first().locator('.compare-expected')).toHaveText(/Expected\s*exists/);
  await expect(failed.first().locator('.compare-seen')).toHaveText(/Seen\s*no such object/);
  await expect(failed.nth(1).locator('.sub-subject')).toHaveText('deployment/web: spec.template.spec.containers[*].image');
  await expect(failed.nth(1).locator('.compare-expected dd')).toHaveText('equals "nginx:1.27"');
});

test('hints come one at a time, then the solution', async ({ page }) => {
  await openLab(page, newName('Pia'));
  const scale = step(page, 'scale');
  const hint = scale.locator('[data-action="hint"]');
  await expect(hint).toHaveText('Hint (1 of 3)');
  await expect(scale.locator('.hint')).toHaveCount(0);
  await hint.click();
  await expect(scale.locator('.hint')).toHaveCount(1);
  await expect(scale.locator('.hint').first()).toHaveText("Hint 1A Deployment's size is its spec.replicas.");
  await expect(hint).toHaveText('Next hint (2 of 3)');
  await hint.click();
  await expect(scale.locator('.hint')).toHaveCount(2);
  await hint.click();
  await expect(scale.locator('.hint')).toHaveCount(3);
  await expect(hint).toHaveText('All hints shown');
  await expect(hint).toHaveAttribute('aria-disabled', 'true');
  await hint.click({ force: true });
  await page.waitForTimeout(300);
  await expect(scale.locator('.hint')).toHaveCount(3);
  const solution = scale.locator('[data-action="solution"]');
  await solution.click();
  await expect(solution).toBeHidden();
  await expect(scale.locator('[data-solution] pre')).toHaveText('kubectl scale deployment web --replicas=3');
  await expect(scale.locator('[data-solution]').getByRole('button', { name: 'Run' })).toBeVisible();
});

test('a reload brings back steps, hints, results and the terminal screen', async ({ page }) => {
  const name = newName('Quinn');
  await openLab(page, name);
  await step(page, 'create-deployment').locator('.code-block').first().getByRole('button', { name: 'Run' }).click();
  await expect(step(page, 'create-deployment')).toHaveAttribute('data-status', 'passed');
  await step(page, 'scale').locator('[data-action="hint"]').click();
  await step(page, 'scale').getByRole('button', { name: 'Check' }).click();
  await expect(step(page, 'scale').locator('.check-failed')).toHaveCount(2);
  await typeInTerminal(page, 'echo remember-me\r');
  await expect(terminalText(page)).toContainText('remember-me');

  await page.reload();
  await expect(page.locator('[data-term-state="ok"]')).toHaveText('Connected');
  await expect(step(page, 'create-deployment')).toHaveAttribute('data-status', 'passed');
  await expect(step(page, 'scale')).toHaveAttribute('data-status', 'failed');
  await expect(step(page, 'scale').locator('.hint')).toHaveCount(1);
  await expect(step(page, 'scale').locator('.check-failed')).toHaveCount(2);
  await expect(page.locator('[data-progress-label]')).toHaveText('1 of 3 steps done');
  await expect(terminalText(page)).toContainText('echo remember-me');
  await expect(terminalText(page)).toContainText('deployment.apps/web created');
});

test('when every step has passed, the completion panel offers the deck and the next lab', async ({ page }) => {
  const name = newName('Rae');
  await openLab(page, name);
  await expect(page.locator('[data-complete]')).toBeHidden();
  for (const id of ['create-deployment', 'scale', 'expose']) server.passStep(name, LAB, id);
  const done = page.locator('[data-complete]');
  await expect(done).toBeVisible();
  await expect(done.getByRole('heading')).toHaveText('Lab complete');
  await expect(done.getByRole('link', { name: /Next lab: Roll out a new version/ })).toHaveAttribute('href', '/labs/scale-and-roll/');
  await expect(done.getByRole('link', { name: /Review the slides: Kubernetes building blocks/ })).toHaveAttribute('href', '/slides/kubernetes-building-blocks/');
  await expect(page.locator('[data-progress-label]')).toHaveText('3 of 3 steps done');
  await expect(done).toBeInViewport();
  await page.reload();
  await expect(page.locator('[data-done-banner]')).toBeVisible();
  await expect(page.locator('[data-complete]')).toBeVisible();
});

test('the terminal reconnects after a drop and says when the shell has ended', async ({ page }) => {
  const name = newName('Sol');
  await openLab(page, name);
  server.dropTerminals();
  await expect(page.locator('[data-term-state]')).toHaveText('Reconnecting…');
  await expect(page.locator('[data-term-banner]')).toBeVisible();
  await expect(page.locator('[data-term-state]')).toHaveText('Connected', { timeout: 10_000 });
  await expect(page.locator('[data-term-banner]')).toBeHidden();
  await typeInTerminal(page, 'exit\r');
  const overlay = page.locator('[data-term-overlay]');
  await expect(overlay).toContainText('The shell has ended');
  await expect(overlay).toContainText('You left the shell (exit).');
  await expect(page.locator('[data-term-state]')).toHaveText('Ended');
  await overlay.getByRole('button', { name: 'Start a new shell' }).click();
  await expect(page.locator('[data-term-state]')).toHaveText('Connected');
  await expect(overlay).toBeHidden();
  await expect(terminalText(page)).toContainText('Welcome to your lab shell');
});

test('the terminal acknowledges what it drew and tells its size', async ({ page }) => {
  const name = newName('Tao');
  await openLab(page, name);
  await typeInTerminal(page, 'seq 2000\r');
  await expect(terminalText(page)).toContainText('line 2000');
  await expect.poll(() => server.terminalStats(name, LAB).acked).toBeGreaterThanOrEqual(server.terminalStats(name, LAB).screen);
  const first = server.terminalStats(name, LAB).resizes.at(-1)!;
  expect(first.cols).toBeGreaterThan(40);
  await page.setViewportSize({ width: 1600, height: 900 });
  await expect.poll(() => server.terminalStats(name, LAB).resizes.at(-1)!.cols).toBeGreaterThan(first.cols);
});

test('the terminal can be searched, and its text made bigger', async ({ page }) => {
  await openLab(page, newName('Uma'));
  await typeInTerminal(page, 'echo needle\r');
  await page.keyboard.press('Control+Shift+F');
  const search = page.getByRole('searchbox', { name: 'Search the terminal' });
  await expect(search).toBeFocused();
  await search.fill('needle');
  await expect(page.locator('[data-search-count]')).toHaveText(/of 2/);
  await search.press('Escape');
  await expect(search).toBeHidden();
  const before = await page.locator('.xterm-rows').evaluate((el) => getComputedStyle(el).fontSize);
  await page.getByRole('button', { name: 'Bigger text' }).click();
  await expect.poll(() => page.locator('.xterm-rows').evaluate((el) => getComputedStyle(el).fontSize)).not.toBe(before);
});

test('an instructor notice shows above the instructions', async ({ page }) => {
  await openLab(page, newName('Vic'));
  server.notice('Break in 5 minutes: finish `step 2` first.', 'warning');
  const notice = page.locator('[data-notice="warning"]');
  await expect(notice).toContainText('Break in 5 minutes');
  await expect(notice.locator('code')).toHaveText('step 2');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

test('the page works from the keyboard: steps, splitter and terminal', async ({ page }) => {
  await openLab(page, newName('Wen'));
  const splitter = page.getByRole('separator', { name: 'Resize instructions and terminal' });
  await splitter.focus();
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  await page.keyboard.press('ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 2));
  // Tab reaches the first step's buttons; Enter on Check checks.
  const check = step(page, 'create-deployment').getByRole('button', { name: 'Check' });
  await check.focus();
  await page.keyboard.press('Enter');
  await expect(step(page, 'create-deployment')).toHaveAttribute('data-status', 'failed');
  const outline = await check.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  // In the terminal, Tab goes to the shell; Escape then Tab moves on.
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('Tab');
  await expect(page.locator('.xterm-helper-textarea')).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('.xterm-helper-textarea')).not.toBeFocused();
});

test('a phone shows the instructions, then the terminal', async ({ browser }) => {
  const page = await phone(browser);
  await join(page, newName('Xia'));
  await expect(page.locator('[data-term-state="ok"]')).toHaveText('Connected');
  // The terminal starts below the fold (xterm.js paints only while it is on screen): the learner taps the link to it.
  await page.getByRole('link', { name: 'Terminal', exact: true }).click();
  await expect(page.locator('#terminal')).toBeInViewport();
  await expect(terminalText(page)).toContainText('@podium', { timeout: 15_000 });
  const instructions = await page.locator('#instructions').boundingBox();
  const terminal = await page.locator('#terminal').boundingBox();
  expect(terminal!.y).toBeGreaterThan(instructions!.y + instructions!.height - 1);
  expect(terminal!.width).toBeGreaterThan(350);
  await page.close();
});

async function phone(browser: Browser): Promise<Page> {
  return browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
}
