import { expect, test, type Page } from '@playwright/test';

/** Waits until reveal.js has started and the deck shows `h` (horizontal) / `v` (vertical). */
async function openDeck(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady() === true);
}

async function indices(page: Page) {
  return page.evaluate(() => (window as unknown as { Reveal: { getIndices(): { h: number; v: number; f?: number } } }).Reveal.getIndices());
}

test('the home page lists every deck with its title, description and duration', async ({ page }) => {
  await page.goto('/');
  const decks = page.locator('[data-catalogue="decks"] .card');
  await expect(decks).toHaveCount(5);
  const first = decks.first();
  await expect(first.locator('h3')).toHaveText('How kubectl talks to an EKS cluster');
  await expect(first.locator('.duration')).toHaveText('50 min');
  await expect(first.locator('p')).toContainText('kubeconfig');
  await expect(first.getByRole('link', { name: 'Present' })).toHaveAttribute('href', '/present/kubectl-eks/');
});

test('fragments advance in their explicit order', async ({ page }) => {
  await openDeck(page, '/slides/authoring-tour/#/2');
  const item = (text: string) => page.locator('.present li', { hasText: text });
  for (const text of ['Appears first', 'Appears second', 'Appears third']) await expect(item(text)).not.toHaveClass(/visible/);
  await page.keyboard.press('ArrowRight');
  await expect(item('Appears first')).toHaveClass(/visible/);
  await expect(item('Appears second')).not.toHaveClass(/visible/);
  await page.keyboard.press('ArrowRight');
  await expect(item('Appears second')).toHaveClass(/visible/);
  await expect(item('Appears third')).not.toHaveClass(/visible/);
  await page.keyboard.press('ArrowRight');
  await expect(item('Appears third')).toHaveClass(/visible/);
  // One more press leaves the slide.
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await indices(page)).h).toBe(3);
});

test('component fragments show one per step', async ({ page }) => {
  await openDeck(page, '/slides/authoring-tour/#/1');
  const frags = page.locator('.present .fragment');
  await expect(frags).toHaveCount(3);
  for (let shown = 1; shown <= 3; shown++) {
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.present .fragment.visible')).toHaveCount(shown);
  }
});

test('code-step highlighting moves with each step', async ({ page }) => {
  await openDeck(page, '/slides/authoring-tour/#/3');
  const lines = page.locator('.present pre.code-steps .line');
  const lit = async () =>
    lines.evaluateAll((els) =>
      els.flatMap((el, i) => (getComputedStyle(el).opacity === '1' ? [i + 1] : [])),
    );
  await expect.poll(lit).toEqual([1, 2]);
  await page.keyboard.press('ArrowRight');
  await expect.poll(lit).toEqual([4, 5]);
  await page.keyboard.press('ArrowRight');
  await expect.poll(lit).toEqual([1, 2, 3, 4, 5, 6, 7]);
  // Line numbers are shown.
  await expect(page.locator('.present pre.code-steps')).toHaveClass(/has-line-numbers/);
});

test('vertical stacks and slide attributes work', async ({ page }) => {
  await openDeck(page, '/slides/authoring-tour/#/4');
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => indices(page)).toMatchObject({ h: 4, v: 1 });
  await expect(page.locator('section.present:not(.stack) h2')).toHaveText('Below the first');
  await openDeck(page, '/slides/authoring-tour/#/background');
  await expect(page.locator('section#background')).toHaveAttribute('data-background', '#12324a');
});

test('speaker notes are absent from the audience page', async ({ page, request }) => {
  const html = await (await request.get('/slides/authoring-tour/')).text();
  expect(html).not.toContain('class="notes"');
  expect(html).not.toContain('This deck is for authors');
  const presenter = await (await request.get('/present/authoring-tour/')).text();
  expect(presenter).toContain('This deck is for authors');
  await openDeck(page, '/slides/authoring-tour/');
  await expect(page.locator('aside.notes')).toHaveCount(0);
});

test('the presenter page opens the speaker view with notes, next slide and timer', async ({ page }) => {
  await openDeck(page, '/present/authoring-tour/');
  const popupPromise = page.waitForEvent('popup');
  await page.keyboard.press('s');
  const speaker = await popupPromise;
  await expect(speaker.locator('.speaker-controls-notes')).toContainText('This deck is for authors');
  await expect(speaker.locator('.speaker-controls-time')).toBeVisible();
  await expect(speaker.locator('#upcoming-slide iframe, .speaker-controls-upcoming iframe, iframe').nth(1)).toBeAttached();
  // The speaker view follows the main window.
  await page.keyboard.press('ArrowRight');
  await expect(speaker.locator('.speaker-controls-notes')).toContainText('Three fragments in document order');
});

test('the imported reveal-hugo deck presents its fragments and notes', async ({ page, request }) => {
  await openDeck(page, '/slides/eks-architecture-imported/');
  await expect(page).toHaveTitle(/EKS architecture/);
  // Find the "Kubectl on client-side" slide and step through its fragments.
  const h = await page.evaluate(() => {
    const slides = [...document.querySelectorAll('.reveal .slides > section')];
    return slides.findIndex((s) => /Kubectl on client-side/i.test(s.textContent ?? ''));
  });
  expect(h).toBeGreaterThan(0);
  await openDeck(page, `/slides/eks-architecture-imported/#/${h}`);
  const fragments = page.locator('.present .fragment');
  const total = await fragments.count();
  expect(total).toBe(6);
  for (let shown = 1; shown <= total; shown++) {
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.present .fragment.visible')).toHaveCount(shown);
  }
  const presenter = await (await request.get('/present/eks-architecture-imported/')).text();
  expect(presenter).toContain('what-happens-when-k8s');
});

test('decks stay readable on a phone', async ({ browser }) => {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await openDeck(phone, '/slides/kubernetes-building-blocks/');
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  // The size a reader sees: the computed size times reveal.js's scaling of the slide.
  const heading = phone.locator('.reveal h1, .reveal h2').first();
  const fontSize = await heading.evaluate((el) => {
    const scale = el.getBoundingClientRect().width / (el as HTMLElement).offsetWidth || 1;
    return parseFloat(getComputedStyle(el).fontSize) * scale;
  });
  expect(fontSize).toBeGreaterThan(20);
  await phone.screenshot({ path: test.info().outputPath('phone.png') });
  await phone.close();
});
