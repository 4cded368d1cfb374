import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumLaunchOptions } from './server/browser/chromium.ts';

const port = Number(process.env.E2E_PORT ?? 4399);

export default defineConfig({
  testDir: 'tests/e2e',
  // Browser tests are *.spec.ts; the *.test.ts files beside them are vitest's (kubectl, sandboxes).
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 720 },
  },
  webServer: {
    command: `node bin/podium.mjs serve --host 127.0.0.1 --port ${port}`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    // State of its own, away from the project's .podium/.
    env: { PODIUM_DATA_DIR: path.join(tmpdir(), `podium-playwright-${process.pid}`) },
  },
});
