import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../helpers/test-databases.js';
import {
  desktop,
  fitsWidth,
  inViewport,
  lazyBrowser,
  openPage,
  phone,
  submitLogin,
} from './support/browser-pages.js';
import { artifactPath } from './support/chromium.js';
import { startLoopbackRedirect, type LoopbackRedirect } from './support/loopback-redirect.js';
import {
  agentGrant,
  alice,
  customAgentGrant,
  manualClient,
  sam,
  useOAuthServer,
  userGrant,
} from './support/oauth-test-server.js';
import {
  authorizationRequest,
  registerPublicClient,
  type PublicClient,
} from './support/public-client.js';

// The page is the same HTML whatever the engine; the store's part (clients, grants) is tested on
// both engines elsewhere, so the browser runs on SQLite only.
const sqlite = testEngines.find((e) => e.engine === 'sqlite') ?? testEngines[0];
const sizes: [string, BrowserContextOptions][] = [
  ['desktop', desktop],
  ['phone', phone],
];

/** The `data-scope` of every line of the page. */
function lines(page: Page): Promise<string[]> {
  return page
    .locator('li.permission')
    .evaluateAll((items) =>
      items.map((item) => (item as unknown as { dataset: { scope: string } }).dataset.scope),
    );
}

/** The read/write mark of a tool under one line. */
function markOf(page: Page, line: { scope: string; tool: string }): Promise<string | null> {
  return page
    .locator(`li.permission[data-scope="${line.scope}"] li.tool[data-tool="${line.tool}"] .mark`)
    .textContent();
}

describe('the consent page in headless Chromium (SQLite)', () => {
  const server = useOAuthServer(sqlite!);
  const browser = lazyBrowser();
  let redirect: LoopbackRedirect | undefined;
  let desktopClient: PublicClient;
  let lookAlike: PublicClient;

  beforeAll(async () => {
    redirect = await startLoopbackRedirect();
    desktopClient = await registerPublicClient(server(), 'Desktop assistant', redirect.uri);
    lookAlike = await registerPublicClient(server(), 'Claude', 'https://evil.example/cb');
  });
  afterAll(async () => {
    await browser.close();
    await redirect?.close();
  });

  /** Signs `account` in through a new authorization request and returns the consent page. */
  async function consentPage(ask: {
    client: PublicClient;
    collection: string;
    scope: readonly string[];
    account: { email: string; password: string };
    size: BrowserContextOptions;
  }) {
    const request = authorizationRequest(server(), ask.client, {
      collection: ask.collection,
      scope: ask.scope.join(' '),
    });
    const opened = await openPage(await browser.get(), request.url.href, ask.size);
    await submitLogin(opened.page, ask.account);
    expect(await opened.page.locator('h1').textContent()).toMatch(/^Allow /);
    return opened;
  }

  it.each(sizes)(
    "groups an agent's permissions, folds narrower levels, marks tools and keeps Deny and Allow on screen (%s)",
    async (size, options) => {
      const { context, page } = await consentPage({
        client: desktopClient,
        collection: 'agent',
        scope: [...agentGrant, ...customAgentGrant],
        account: sam,
        size: options,
      });
      await page.screenshot({ path: artifactPath(`consent-agent-${size}.png`) });

      expect(await inViewport(page, 'button[value=allow]')).toBe(true);
      expect(await inViewport(page, 'button[value=deny]')).toBe(true);
      expect(await fitsWidth(page)).toBe(true);

      expect(await page.locator('h2').allTextContents()).toEqual([
        'Tickets',
        'Knowledge and catalogue',
        'People',
        'Runbooks',
        'Reports',
        'AI',
      ]);
      // 19 scopes offered, 12 lines: one per family at the widest level granted.
      const shown = await lines(page);
      expect(shown).toHaveLength(12);
      expect(shown).toContain('ai:run:all');
      expect(shown).not.toContain('ai:run:org');
      expect(shown).not.toContain('ai:run:own');
      expect(shown).toContain('tickets:read:all');
      expect(shown).not.toContain('tickets:read:own');

      expect(await markOf(page, { scope: 'tickets:read:all', tool: 'get_ticket' })).toBe('read');
      expect(await markOf(page, { scope: 'tickets:write:all', tool: 'create_ticket' })).toBe(
        'write',
      );
      expect(await markOf(page, { scope: 'ai:run:all', tool: 'run_ai_summarise' })).toBe('write');

      // What lets a tool write can be unticked, including what creates tickets; reads cannot.
      for (const scope of [
        'tickets:write:all',
        'runbooks:run',
        'tickets:log-opportunity:own',
        'ai:run:all',
      ])
        expect(await page.locator(`input[name=scope][value="${scope}"]`).isChecked()).toBe(true);
      for (const scope of ['tickets:read:all', 'reports:read:all', 'users:read:all'])
        expect(await page.locator(`input[name=scope][value="${scope}"]`).count()).toBe(0);

      const client = page.locator('.facts');
      expect(await client.locator('.badge.unverified').textContent()).toBe('Unverified');
      expect(await client.locator('.redirect .host').textContent()).toBe(
        new URL(redirect!.uri).host,
      );
      expect(await page.locator('.warning').count()).toBe(0);

      // The bar stays at the bottom of the window while scrolling, down to the last line.
      await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
      await page.screenshot({ path: artifactPath(`consent-agent-${size}-end.png`) });
      expect(await page.locator('button[value=allow]').isVisible()).toBe(true);
      await context.close();
    },
  );

  it.each(sizes)(
    'warns that a self-registered "Claude" sending its code to evil.example may not be Claude (%s)',
    async (size, options) => {
      const { context, page } = await consentPage({
        client: lookAlike,
        collection: 'user',
        scope: userGrant,
        account: alice,
        size: options,
      });
      await page.screenshot({ path: artifactPath(`consent-look-alike-${size}.png`) });
      const warning = await page.locator('.warning[role=alert]').innerText();
      expect(warning).toContain('This may not be Claude.');
      expect(warning).toContain('evil.example');
      expect(await page.locator('.redirect .host').textContent()).toBe('evil.example');
      expect(await page.locator('.badge.unverified').count()).toBe(1);
      expect(await inViewport(page, 'button[value=deny]')).toBe(true);
      await context.close();
    },
  );

  it('shows a client an administrator configured as such, with no look-alike check of its name', async () => {
    const configured: PublicClient = {
      clientId: manualClient.clientId,
      clientName: manualClient.name,
      redirectUri: manualClient.redirectUris[0],
    };
    const { context, page } = await consentPage({
      client: configured,
      collection: 'user',
      scope: userGrant,
      account: alice,
      size: desktop,
    });
    await page.screenshot({ path: artifactPath('consent-configured-client.png') });
    expect(await page.locator('.badge.configured').textContent()).toBe('Configured');
    expect(await page.locator('.badge.unverified').count()).toBe(0);
    expect(await page.locator('.redirect .host').textContent()).toBe('copilot.example');
    expect(await page.locator('.warning').count()).toBe(0);
    await context.close();
  });
});
