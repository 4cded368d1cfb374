import { existsSync } from 'node:fs';

/** Debian's Chromium (playwright cannot download its own browser here). PODIUM_CHROMIUM overrides the path. */
export function chromiumPath(): string {
  const candidates = [process.env.PODIUM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian\'s `chromium` package or set PODIUM_CHROMIUM');
  return found;
}

/** Flags for a headless Chromium on a closed network, running as root. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function chromiumLaunchOptions() {
  return { executablePath: chromiumPath(), args: chromiumArgs, headless: true };
}
