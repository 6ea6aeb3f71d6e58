import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { appMimeType } from './apps-client.js';
import type { ViewCsp } from './view-csp.js';

/** A view as a host gets it: its HTML, its CSP request and where it came from. */
export interface ViewResource {
  readonly html: string;
  readonly csp?: ViewCsp;
  /** `server`: resources/read of the tool's `_meta.ui.resourceUri`; `dist`: the built file; `fixture`: the harness's own view. */
  readonly source: 'server' | 'dist' | 'fixture';
  readonly uri?: string;
}

/** The repository's `dist/views/`, where scripts/build-views.mjs writes `<name>.html`. */
export const builtViewsFolder = join(import.meta.dirname, '..', '..', '..', 'dist', 'views');

/** The `_meta.ui.resourceUri` of a tool's listing, if it has a view. */
export function viewUriOf(tool: Tool | undefined): string | undefined {
  const ui = tool?._meta?.['ui'] as { resourceUri?: unknown } | undefined;
  return typeof ui?.resourceUri === 'string' ? ui.resourceUri : undefined;
}

/**
 * The view of tool `toolName` read as a host reads it: tools/list gives `_meta.ui.resourceUri`,
 * resources/read gives the HTML (MIME type `text/html;profile=mcp-app`) and `_meta.ui.csp`.
 * While the server does not declare the view yet, the built `dist/views/<view>.html` stands in
 * (source `dist`), so the browser tests can run before the server side lands.
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
  if (uri === undefined) {
    const html = await readFile(join(builtViewsFolder, `${wanted.view}.html`), 'utf8').catch(() => {
      throw new Error(
        `${wanted.toolName} names no view (_meta.ui.resourceUri) and dist/views/${wanted.view}.html is not built`,
      );
    });
    return { html, source: 'dist' };
  }
  const read = await client.readResource({ uri });
  const content = read.contents[0];
  if (content === undefined || !('text' in content))
    throw new Error(`resources/read of ${uri} gave no text content`);
  if (content.mimeType !== appMimeType)
    throw new Error(`resources/read of ${uri} gave MIME type ${content.mimeType}`);
  const ui = content._meta?.['ui'] as { csp?: ViewCsp } | undefined;
  return { html: content.text, source: 'server', uri, ...(ui?.csp && { csp: ui.csp }) };
}
