import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { findChromium, placesSearched } from '../../../../scripts/chromium/find-chromium.js';

/**
 * Launches headless Chromium, found as `npm test`'s pretest step finds it (`CHROMIUM_PATH`, the
 * system package, `chromium` on PATH, Playwright's cache), so `npx vitest` needs no variable
 * either. A missing browser throws, so the test fails rather than skips.
 *
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 */
export async function launchChromium(): Promise<Browser> {
  const found = findChromium();
  if (found === undefined)
    throw new Error(
      `Chromium is not installed (looked at ${placesSearched()}): npm test installs Debian's package or says how to get one`,
    );
  return chromium.launch({
    executablePath: found.path,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 30_000,
  });
}

/** Where screenshots go: `test-results/oauth/` at the repository root (gitignored). */
export const artifactsFolder = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'test-results',
  'oauth',
);

/**
 * The path of one screenshot in {@link artifactsFolder}, creating the folder.
 *
 * @example
 * await page.screenshot({ path: artifactPath('login.png'), fullPage: true });
 */
export function artifactPath(name: string): string {
  mkdirSync(artifactsFolder, { recursive: true });
  return join(artifactsFolder, name);
}
