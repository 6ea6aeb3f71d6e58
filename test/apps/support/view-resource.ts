import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { appMimeType } from './apps-client.js';
import type { ViewCsp } from './view-csp.js';

/** A view as a host gets it: its HTML, its CSP request and where it came from. */
export interface ViewResource {
  readonly html: string;
  readonly csp?: ViewCsp;
  /** `server`: resources/read of a tool's `_meta.ui.resourceUri`; `fixture`: the harness's own. */
  readonly source: 'server' | 'fixture';
  readonly uri?: string;
}

/**
 * The `_meta.ui.resourceUri` of a tool's listing, if it has a view.
 *
 * @example
 * viewUriOf(tools.find((t) => t.name === 'get_ticket')); // 'ui://servicedesk/ticket-card'
 */
export function viewUriOf(tool: Tool | undefined): string | undefined {
  const ui = tool?._meta?.['ui'] as { resourceUri?: unknown } | undefined;
  return typeof ui?.resourceUri === 'string' ? ui.resourceUri : undefined;
}

/**
 * The view of tool `toolName` read as a host reads it: tools/list gives `_meta.ui.resourceUri`,
 * resources/read gives the HTML (MIME type `text/html;profile=mcp-app`) and `_meta.ui.csp`. No
 * fallback to the built file: a tool that stops naming its view fails the test.
 *
 * @example
 * const view = await readView(sam, { toolName: 'get_ticket', view: 'ticket-card' });
 */
export async function readView(
  client: Client,
  wanted: { readonly toolName: string; readonly view: string },
): Promise<ViewResource> {
  const { tools } = await client.listTools();
  const uri = viewUriOf(tools.find((t) => t.name === wanted.toolName));
  if (uri !== `ui://servicedesk/${wanted.view}`)
    throw new Error(
      `${wanted.toolName} names view ${String(uri)}, not ui://servicedesk/${wanted.view}`,
    );
  const read = await client.readResource({ uri });
  const content = read.contents[0];
  if (content === undefined || !('text' in content))
    throw new Error(`resources/read of ${uri} gave no text content`);
  if (content.mimeType !== appMimeType)
    throw new Error(`resources/read of ${uri} gave MIME type ${content.mimeType}`);
  const ui = content._meta?.['ui'] as { csp?: ViewCsp } | undefined;
  return { html: content.text, source: 'server', uri, ...(ui?.csp && { csp: ui.csp }) };
}
