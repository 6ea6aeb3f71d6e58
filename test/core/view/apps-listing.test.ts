import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appsExtension, viewMimeType, type TestServer } from '../../../core/index.js';
import { modernPost } from '../mcp/modern/support/modern-post.js';
import { appsTokens, startAppsServer } from './support/apps-plugin.js';

const appsCapabilities = { extensions: { [appsExtension]: { mimeTypes: [viewMimeType] } } };

function names(tools: readonly Tool[]): string[] {
  return tools.map((tool) => tool.name).sort();
}

describe('MCP Apps on a collection', () => {
  let t: TestServer;
  let appsHost: Client;

  beforeAll(async () => {
    t = await startAppsServer();
    const url = t.server.collections.find((c) => c.id === 'apps-session')!.url;
    appsHost = new Client(
      { name: 'apps-host', version: '1.0.0' },
      { capabilities: appsCapabilities },
    );
    await appsHost.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: `Bearer ${appsTokens.agent}` } },
      }),
    );
  });
  afterAll(async () => {
    await appsHost?.close();
    await t?.close();
  });

  const urlOf = (id: string): string => t.server.collections.find((c) => c.id === id)!.url;

  it('lists a tool with its view in _meta.ui and the flat key older hosts read', async () => {
    const client = await t.connect('apps', appsTokens.agent);
    const { tools } = await client.listTools();
    const show = tools.find((tool) => tool.name === 'show_thing')!;
    expect(show._meta).toEqual({
      ui: { resourceUri: 'ui://apps-test/thing' },
      'ui/resourceUri': 'ui://apps-test/thing',
    });
    expect(tools.find((tool) => tool.name === 'plain_thing')!._meta).toBeUndefined();
  });

  it('keeps an app-only tool out of tools/list for a client without the extension, yet lets it be called', async () => {
    const client = await t.connect('apps', appsTokens.user);
    expect(names((await client.listTools()).tools)).toEqual(['plain_thing', 'show_thing']);
    const result = await client.callTool({ name: 'do_thing', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(result.content).toEqual([{ type: 'text', text: 'done' }]);
  });

  it('lists an app-only tool, marked app-only, to a host that declares MCP Apps (2025-11-25 session)', async () => {
    const { tools } = await appsHost.listTools();
    expect(names(tools)).toEqual(['admin_thing', 'do_thing', 'plain_thing', 'show_thing']);
    expect(tools.find((tool) => tool.name === 'do_thing')!._meta).toEqual({
      ui: { visibility: ['app'] },
    });
    expect(appsHost.getServerCapabilities()?.extensions).toEqual({ [appsExtension]: {} });
  });

  it('decides per 2026-07-28 request from the capabilities it declares', async () => {
    const list = (capabilities?: Record<string, unknown>) =>
      modernPost(urlOf('apps'), appsTokens.agent, {
        method: 'tools/list',
        params: {},
        ...(capabilities && { capabilities }),
      });
    const plain = await list();
    const host = await list(appsCapabilities);
    expect(names(plain.body.result.tools as Tool[])).not.toContain('do_thing');
    expect(names(host.body.result.tools as Tool[])).toContain('do_thing');
    const discover = await modernPost(urlOf('apps'), appsTokens.agent, {
      method: 'server/discover',
      params: {},
    });
    expect(discover.body.result.capabilities.extensions).toEqual({ [appsExtension]: {} });
  });

  it('serves the view as a ui:// resource with the MCP Apps MIME type and a CSP of no outside origin', async () => {
    const client = await t.connect('apps', appsTokens.user);
    const { resources } = await client.listResources();
    const emptyCsp = { ui: { csp: { connectDomains: [], resourceDomains: [] } } };
    expect(resources).toContainEqual({
      uri: 'ui://apps-test/thing',
      name: 'thing',
      title: 'Thing card',
      mimeType: viewMimeType,
      _meta: emptyCsp,
    });
    const read = await client.readResource({ uri: 'ui://apps-test/thing' });
    expect(read.contents).toEqual([
      {
        uri: 'ui://apps-test/thing',
        mimeType: viewMimeType,
        text: '<!doctype html><html><body><p id="thing">thing</p></body></html>',
        _meta: emptyCsp,
      },
    ]);
  });

  it("names in each result the view's actions this caller may call, and only those", async () => {
    const agent = await t.connect('apps', appsTokens.agent);
    const user = await t.connect('apps', appsTokens.user);
    const forAgent = await agent.callTool({ name: 'show_thing', arguments: {} });
    const forUser = await user.callTool({ name: 'show_thing', arguments: {} });
    // absent_tool is offered by no plugin here; admin_thing needs a scope end users cannot hold.
    expect(forAgent._meta).toEqual({ 'servicedesk-mcp/actions': ['do_thing', 'admin_thing'] });
    expect(forUser._meta).toEqual({ 'servicedesk-mcp/actions': ['do_thing'] });
    // A text-only client still gets the text and the structured content, unchanged.
    expect(forUser.structuredContent).toEqual({ thing: '<b>one</b>' });
    expect(forUser.content).toEqual([{ type: 'text', text: '{"thing":"<b>one</b>"}' }]);
    const plain = await user.callTool({ name: 'plain_thing', arguments: {} });
    expect(plain._meta).toBeUndefined();
  });
});
