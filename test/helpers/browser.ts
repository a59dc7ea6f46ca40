import { existsSync } from 'node:fs';

/** Debian's chromium package; `.ci/run` installs it. Without it browser tests are skipped with the package named. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Warns once per test file when the browser is missing, naming the package to install. */
export function warnIfNoChromium(test: string): void {
  if (!hasChromium) console.warn(`${test}: skipped — ${CHROMIUM} not found; install Debian's "chromium" package (apt-get install chromium)`);
}

/** Launches headless Chromium with the flags this closed network needs (no background connections). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
