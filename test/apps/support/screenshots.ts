import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContextOptions } from 'playwright-core';
import { desktop, phone } from '../../core/oauth/support/browser-pages.js';

/** The two widths every view is looked at: a laptop (1280×800) and a phone (390×844). */
export type Device = 'desktop' | 'phone';

/** The browser context options of each {@link Device}. */
export const devices: Readonly<Record<Device, BrowserContextOptions>> = { desktop, phone };

/** Where the views' screenshots go: `test-results/apps/` at the repository root (gitignored). */
export const screenshotsFolder = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'test-results',
  'apps',
);

/**
 * The path of a view's screenshot, `<view>-<case>-<device>-<theme>.png`, creating the folder.
 *
 * @example
 * screenshotPath({ view: 'ticket-card', case: 'agent', device: 'phone', theme: 'dark' });
 */
export function screenshotPath(shot: {
  readonly view: string;
  readonly case: string;
  readonly device: Device;
  readonly theme: 'light' | 'dark';
}): string {
  mkdirSync(screenshotsFolder, { recursive: true });
  return join(screenshotsFolder, `${shot.view}-${shot.case}-${shot.device}-${shot.theme}.png`);
}
