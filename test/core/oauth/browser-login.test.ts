import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { fitsWidth, lazyBrowser, openPage, phone, submitLogin } from './support/browser-pages.js';
import { artifactPath } from './support/chromium.js';
import { startLoopbackRedirect, type LoopbackRedirect } from './support/loopback-redirect.js';
import { alice, startOAuthServer } from './support/oauth-test-server.js';
import {
  authorizationRequest,
  exchangeCode,
  registerPublicClient,
  type PublicClient,
} from './support/public-client.js';

// The pages are the same HTML whatever the engine, and the other OAuth tests already run every
// step on SQLite and PostgreSQL; one engine (SQLite) is enough for the browser.
const sqlite = testEngines.find((e) => e.engine === 'sqlite') ?? testEngines[0];
const scope = 'tickets:read:own tickets:write:own kb:read catalogue:read users:read:own';

/** A raw MCP `tools/call` with a bearer token, so the HTTP refusal itself can be read. */
function callToolOverHttp(token: string, call: { url: string; name: string; arguments: object }) {
  return fetch(call.url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: call.name, arguments: call.arguments },
    }),
  });
}

describe('the sign-in and consent pages in headless Chromium (SQLite)', () => {
  let database: FreshDatabase | undefined;
  let t: TestServer | undefined;
  let redirect: LoopbackRedirect | undefined;
  let client: PublicClient;
  const browser = lazyBrowser();

  beforeAll(async () => {
    database = await sqlite!.createDatabase();
    t = await startOAuthServer(database.url);
    redirect = await startLoopbackRedirect();
    client = await registerPublicClient(t, 'Browser test client', redirect.uri);
  });
  afterAll(async () => {
    await browser.close();
    await redirect?.close();
    await t?.close();
    await database?.drop();
  });

  /** A fresh browser profile on the sign-in page of a new authorization request. */
  async function openLogin(options: BrowserContextOptions = {}) {
    const request = authorizationRequest(t!, client, { collection: 'user', scope });
    const { context, page } = await openPage(await browser.get(), request.url.href, options);
    expect(await page.locator('h1').textContent()).toBe('Sign in to User Functions');
    return { request, context, page };
  }

  it('signs alice in, lets her untick a write and sends the code back to the loopback redirect', async () => {
    const { request, context, page } = await openLogin();
    expect(await page.locator('main p.muted').first().textContent()).toBe(
      'Browser test client is asking to use User Functions for you.',
    );
    await page.screenshot({ path: artifactPath('login.png'), fullPage: true });

    await submitLogin(page, alice);
    expect(await page.locator('h1').textContent()).toBe(
      'Allow Browser test client to use User Functions?',
    );
    const consent = await page.locator('main').innerText();
    expect(consent).toContain(`Signed in as ${alice.email}`);
    for (const tool of ['get_my_tickets', 'create_ticket', 'search_knowledge_base'])
      expect(consent).toContain(tool);
    await page.screenshot({ path: artifactPath('consent.png'), fullPage: true });

    const write = page.locator('input[name=scope][value="tickets:write:own"]');
    expect(await write.isChecked()).toBe(true);
    await write.uncheck();
    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(redirect!.uri)),
      page.click('button[value=allow]'),
    ]);
    expect(await page.locator('p').textContent()).toBe('You can close this window.');
    const callback = await redirect!.callbackFor(request.state);
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('iss')).toBe(`${t!.url}/oauth`);
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();
    await context.close();

    const token = await exchangeCode(t!, client, { request, code: code as string });
    expect(token.scope.split(' ').sort()).toEqual(
      ['catalogue:read', 'kb:read', 'tickets:read:own', 'users:read:own'].sort(),
    );
    const mcp = await t!.connect('user', token.access_token);
    const tools = (await mcp.listTools()).tools.map((tool) => tool.name);
    expect(tools).toContain('get_my_tickets');
    expect(tools).not.toContain('create_ticket');
    const mine = await mcp.callTool({ name: 'get_my_tickets', arguments: {} });
    expect(mine.isError).toBeFalsy();
    await mcp.close();

    const refused = await callToolOverHttp(token.access_token, {
      url: t!.urlOf('user'),
      name: 'create_ticket',
      arguments: {
        title: 'Printer jam',
        description: 'The third-floor printer jams on every page.',
      },
    });
    expect(refused.status).toBe(403);
    const challenge = refused.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/error="insufficient_scope"/);
    expect(challenge).toMatch(/scope="[^"]*tickets:write:own/);
    await refused.body?.cancel();
  });

  it("posts the forms with the page's own Origin, which the server's Origin guard accepts", async () => {
    const { context, page } = await openLogin();
    const origins: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') origins.push(r.headers()['origin']);
    });
    await submitLogin(page, alice);
    expect(origins).toEqual([t!.url]);
    expect(await page.locator('h1').textContent()).toMatch(/^Allow /);
    await context.close();
  });

  it('sends access_denied back to the client when the person denies', async () => {
    const { request, context, page } = await openLogin();
    await submitLogin(page, alice);
    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(redirect!.uri)),
      page.click('button[value=deny]'),
    ]);
    const callback = await redirect!.callbackFor(request.state);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('code')).toBeNull();
    await context.close();
  });

  it('answers a wrong password and an unknown e-mail with the same generic error', async () => {
    const { context, page } = await openLogin();
    await submitLogin(page, { email: alice.email, password: 'not-her-password' });
    const alert = page.locator('[role=alert]');
    expect(await alert.textContent()).toBe('The e-mail or password is wrong.');
    expect(await page.inputValue('#email')).toBe(alice.email);
    expect(await page.inputValue('#password')).toBe('');
    await page.screenshot({ path: artifactPath('login-error.png'), fullPage: true });

    await submitLogin(page, { email: 'nobody@example.com', password: 'whatever-password' });
    expect(await alert.textContent()).toBe('The e-mail or password is wrong.');
    await context.close();
  });

  it('fits a phone screen (390×844) without horizontal scrolling', async () => {
    const { context, page } = await openLogin(phone);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: artifactPath('login-phone.png'), fullPage: true });
    await submitLogin(page, alice);
    expect(await page.locator('h1').textContent()).toMatch(/^Allow /);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: artifactPath('consent-phone.png'), fullPage: true });
    await context.close();
  });
});
