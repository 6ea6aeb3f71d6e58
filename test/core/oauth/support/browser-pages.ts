import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';

/** A laptop window. */
export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

/** A phone (390×844, as an iPhone 12–15). */
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/**
 * Headless Chromium, launched by the first test that needs it (not in beforeAll), so a missing
 * Chromium fails every browser test with its reason instead of leaving them reported as skipped.
 *
 * @example
 * const browser = lazyBrowser();
 * afterAll(() => browser.close());
 * const page = await (await browser.get()).newPage();
 */
export function lazyBrowser(): { get(): Promise<Browser>; close(): Promise<void> } {
  let launching: Promise<Browser> | undefined;
  return {
    get: () => (launching ??= launchChromium()),
    close: async () => {
      await launching?.then(
        (b) => b.close(),
        () => undefined,
      );
    },
  };
}

/**
 * A fresh browser profile (no cookies) with `url` open.
 *
 * @example
 * const { context, page } = await openPage(await browser.get(), request.url.href, phone);
 */
export async function openPage(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

/** Fills in and submits the sign-in form, waiting for the next page. */
export async function submitLogin(page: Page, account: { email: string; password: string }) {
  await page.fill('#email', account.email);
  await page.fill('#password', account.password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

/** True when the page is no wider than the window (no horizontal scroll). */
export function fitsWidth(page: Page): Promise<boolean> {
  // A string, evaluated in the page: the project's TypeScript has no DOM types.
  return page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

/** True when the element is wholly inside the window as the page first shows (no scrolling). */
export async function inViewport(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const size = page.viewportSize();
  const scrolled = await page.evaluate<number>('window.scrollY');
  if (box === null || size === null) return false;
  return (
    scrolled === 0 &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= size.width &&
    box.y + box.height <= size.height
  );
}
