import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../server/browser/chromium.ts';

/**
 * The lab page's browser tests alone, against the fake server they start themselves (no Podium server):
 *   npx playwright test -c tests/e2e/support/labs-ui.config.ts
 */
export default defineConfig({
  testDir: '..',
  testMatch: 'labs-ui.spec.ts',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 800 },
  },
});
