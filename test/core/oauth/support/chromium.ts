import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`, done by `.ci/run`); `CHROMIUM_PATH` overrides it. */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium. A missing browser throws, so the test fails rather than skips.
 *
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(
      `Chromium is not installed at ${chromiumPath}: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH`,
    );
  return chromium.launch({
    executablePath: chromiumPath,
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
