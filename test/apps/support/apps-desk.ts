import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { demoTokens } from '../../../examples/servicedesk/servicedesk.config.js';
import { testEngines } from '../../../testing/index.js';
import { lazyBrowser } from '../../core/oauth/support/browser-pages.js';
import { useExampleDesk } from '../../helpers/example-desk.js';
import { connectAppsClient } from './apps-client.js';

/** The example desk as the views' tests use it: a host's clients and a text-only one. */
export interface AppsDesk {
  readonly t: TestServer;
  /** Sam, an agent on Agent Functions, through a client that renders MCP Apps. */
  readonly sam: Client;
  /** Alice, an end user on User Functions, through a client that renders MCP Apps. */
  readonly alice: Client;
  /** Sam through a client that declares no MCP Apps support (today's clients). */
  readonly samText: Client;
  /** Alice through a client that declares no MCP Apps support. */
  readonly aliceText: Client;
  /** Headless Chromium, launched by the first test that asks (a missing one fails, not skips). */
  browser(): Promise<Browser>;
}

/** A demo token by its name in examples/servicedesk (DEMO_*_TOKEN may override the value). */
function demoToken(name: 'demo-user' | 'demo-agent'): string {
  const found = demoTokens.find((token) => token.name === name);
  if (found === undefined) throw new Error(`no demo token ${name} in the example config`);
  return found.token;
}

/**
 * Starts the example desk on SQLite (the views do not depend on the engine) before the calling
 * `describe`'s tests, connects Sam and Alice as an MCP Apps host would, and closes everything
 * after them. Read it inside tests: `beforeAll` fills it in.
 *
 * @example
 * const desk = useAppsDesk({ demoTickets: 300 });
 * it('…', async () => { const opened = await openView(await desk.browser(), { client: desk.sam, … }); });
 */
export function useAppsDesk(options: { readonly demoTickets?: number } = {}): AppsDesk {
  const sqlite = testEngines.find((e) => e.engine === 'sqlite') ?? testEngines[0];
  if (sqlite === undefined) throw new Error('no test engine');
  const example = useExampleDesk(sqlite, options);
  const browser = lazyBrowser();
  const desk = { browser: () => browser.get() } as {
    -readonly [K in keyof AppsDesk]: AppsDesk[K];
  };
  beforeAll(async () => {
    desk.t = example.t;
    desk.samText = example.sam;
    desk.aliceText = example.alice;
    desk.sam = await connectAppsClient(example.t, {
      collection: 'agent',
      token: demoToken('demo-agent'),
    });
    desk.alice = await connectAppsClient(example.t, {
      collection: 'user',
      token: demoToken('demo-user'),
    });
  });
  afterAll(async () => {
    await browser.close();
    await desk.sam?.close();
    await desk.alice?.close();
  });
  return desk;
}

/**
 * Calls a tool and returns its structured content, failing with the tool's text on an error.
 *
 * @example
 * const { id } = await callOk(desk.alice, 'create_ticket', { summary: 'VPN drops' });
 */
export async function callOk<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<T> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError === true) {
    const text = result.content.map((c) => (c.type === 'text' ? c.text : c.type)).join('\n');
    throw new Error(`${name} failed: ${text}`);
  }
  return result.structuredContent as T;
}

/**
 * The text inside the `<untrusted-text>` marker the server puts around user-written text, i.e.
 * what a view should show of it.
 *
 * @example
 * unwrapUntrusted('<untrusted-text source="ticket 1 summary">VPN</untrusted-text>'); // 'VPN'
 */
export function unwrapUntrusted(text: string): string {
  const match = /^<untrusted-text[^>]*>([\s\S]*)<\/untrusted-text>$/.exec(text);
  return match?.[1] ?? text;
}
