import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../testing/index.js';
import { lazyBrowser } from '../core/oauth/support/browser-pages.js';
import { useExampleDesk } from '../helpers/example-desk.js';
import { connectAppsClient } from './support/apps-client.js';
import { openView } from './support/apps-host.js';
import { fixtureView } from './support/fixture-view-html.js';
import { viewCspHeader, withViewCsp } from './support/view-csp.js';

// The harness tested on its own view (fixtures/fixture-view.ts), so a failure in the views'
// tests is the view's or the server's, not the host's. One engine: the browser part does not
// depend on the store.
const sqlite = testEngines.find((e) => e.engine === 'sqlite') ?? testEngines[0];

describe('the CSP the test host gives a view', () => {
  it('allows nothing outside the document when the resource asks for nothing', () => {
    expect(viewCspHeader()).toBe(
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; " +
        "img-src data:; font-src data:; media-src data:; connect-src 'none'; frame-src 'none'; " +
        "base-uri 'self'",
    );
  });

  it('adds declared origins to the directives the spec maps them to', () => {
    const header = viewCspHeader({
      connectDomains: ['https://api.example.com'],
      resourceDomains: ['https://cdn.example.com'],
    });
    expect(header).toContain('connect-src https://api.example.com;');
    expect(header).toContain("script-src 'unsafe-inline' https://cdn.example.com;");
    expect(header).toContain('img-src data: https://cdn.example.com;');
  });

  it('puts the meta first in <head>, before any of the view’s scripts', () => {
    const html = withViewCsp('<html><head><script>1</script></head></html>');
    expect(html).toMatch(
      /^<html><head><meta http-equiv="Content-Security-Policy" content="[^"]+"><script>/,
    );
  });
});

describe('the MCP Apps test host in headless Chromium (SQLite)', () => {
  const desk = useExampleDesk(sqlite!, { demoTickets: 5 });
  const browser = lazyBrowser();
  let sam: Client;
  beforeAll(async () => {
    sam = await connectAppsClient(desk.t, { collection: 'agent', token: 'demo-agent-token' });
  });
  afterAll(async () => {
    await browser.close();
    await sam?.close();
  });

  const call = { name: 'get_assigned_tickets', arguments: {} };

  it('initializes the view, sends it the result and forwards its tools/call to the server', async () => {
    const opened = await openView(await browser.get(), {
      client: sam,
      view: await fixtureView(),
      call,
    });
    try {
      const structured = opened.frame.locator('#structured');
      await expect
        .poll(() => structured.textContent())
        .toBe(JSON.stringify(opened.result.structuredContent ?? null));
      expect(await opened.frame.locator('#theme').textContent()).toBe('light');
      expect(opened.events.map((e) => e.kind)).toContain('initialized');

      await opened.frame.getByRole('button', { name: 'Call again' }).click();
      const again = await opened.waitForCall('get_assigned_tickets');
      expect(again.arguments).toEqual({});
      expect(again.result.structuredContent).toEqual(opened.result.structuredContent);
      await expect.poll(() => opened.frame.locator('#calls').textContent()).toBe('1');

      await opened.page.evaluate(`window.changeHostContext({ theme: 'dark' })`);
      await expect.poll(() => opened.frame.locator('#theme').textContent()).toBe('dark');
      expect(await opened.page.evaluate('window.teardownView()')).toEqual({});
      expect(opened.requests).toEqual([]);
      expect(opened.dialogs).toEqual([]);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('refuses the view a request to another origin (CSP), and the sandbox blocks form submission', async () => {
    const opened = await openView(await browser.get(), {
      client: sam,
      view: await fixtureView(),
      call,
      device: 'phone',
      theme: 'dark',
    });
    try {
      await expect.poll(() => opened.frame.locator('#theme').textContent()).toBe('dark');
      await opened.frame.getByRole('button', { name: 'Fetch outside' }).click();
      await expect.poll(() => opened.frame.locator('#probe').textContent()).toBe('fetch refused');
      expect(opened.requests).toEqual([]);
      expect(opened.errors.join('\n')).toMatch(/Content Security Policy/);

      // sandbox="allow-scripts" without allow-forms: no submit event at all. Views must act on
      // button clicks, not on a form's submit.
      await opened.frame.getByRole('button', { name: 'Submit form' }).click();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await opened.frame.locator('#probe').textContent()).toBe('fetch refused');
      expect(opened.errors.join('\n')).toMatch(/form submission/i);
      await opened.screenshot('fixture', 'harness');
    } finally {
      await opened.close();
    }
  });

  it('lets a form submit under the sandbox of ext-apps’ reference host (allow-forms)', async () => {
    const opened = await openView(await browser.get(), {
      client: sam,
      view: await fixtureView(),
      call,
      sandbox: 'allow-scripts allow-same-origin allow-forms',
    });
    try {
      await expect.poll(() => opened.frame.locator('#theme').textContent()).toBe('light');
      await opened.frame.getByRole('button', { name: 'Submit form' }).click();
      await expect
        .poll(() => opened.frame.locator('#probe').textContent())
        .toBe('submit event fired');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
