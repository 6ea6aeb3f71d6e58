import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { appsExtension, type ViewDefinition } from './define-view.js';

/** Who may call a tool: the model (it is in `tools/list`), a view through its host, or both. */
export type ToolVisibility = 'model' | 'app';

/**
 * A tool's part in MCP Apps: the view a host renders beside its result, and who may call it.
 * `visibility: ['app']` makes a helper only views call: it is left out of `tools/list` for
 * clients without the extension, listed as app-only to those with it, and callable by anyone
 * whose scopes allow it (the host forwards the view's calls with the user's own token).
 */
export interface ToolUi {
  readonly view?: ViewDefinition;
  /** Default `['model', 'app']`. */
  readonly visibility?: readonly ToolVisibility[];
}

const visibilities: readonly string[] = ['model', 'app'];

/**
 * The `_meta` a tool's listing carries for its `ui`: `ui.resourceUri` and `ui.visibility`, plus
 * the flat `ui/resourceUri` key older hosts read (as ext-apps' `registerAppTool` writes both).
 * Throws TOOL_INVALID_DEFINITION for an empty or unknown visibility.
 *
 * @example
 * toolUiMeta({ view: ticketCard }, 'tool "get_ticket"');
 * // { ui: { resourceUri: 'ui://servicedesk/ticket-card' }, 'ui/resourceUri': 'ui://servicedesk/ticket-card' }
 */
export function toolUiMeta(ui: ToolUi, owner: string): Record<string, unknown> {
  const { visibility, view } = ui;
  if (
    visibility !== undefined &&
    (visibility.length === 0 || visibility.some((v) => !visibilities.includes(v)))
  ) {
    throw new ServiceDeskError(
      'TOOL_INVALID_DEFINITION',
      `${owner} has ui.visibility ${JSON.stringify(visibility)}; list one or both of "model" and "app"`,
    );
  }
  return {
    ui: {
      ...(view && { resourceUri: view.uri }),
      ...(visibility && { visibility: [...visibility] }),
    },
    ...(view && { 'ui/resourceUri': view.uri }),
  };
}

/**
 * True when a tool belongs in the model's `tools/list`: it is visible to the model, or the client
 * declares MCP Apps (its host keeps app-only tools away from the model and lets views call them).
 *
 * @example
 * listedFor(getTicket.ui, { apps: false }); // true
 */
export function listedFor(ui: ToolUi | undefined, client: { apps: boolean }): boolean {
  return client.apps || ui?.visibility === undefined || ui.visibility.includes('model');
}

/**
 * True when these client capabilities declare MCP Apps (`extensions["io.modelcontextprotocol/ui"]`).
 *
 * @example
 * declaresApps({ extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } } }); // true
 */
export function declaresApps(capabilities: ClientCapabilities | undefined): boolean {
  const extensions = (capabilities as { extensions?: unknown } | undefined)?.extensions;
  return typeof extensions === 'object' && extensions !== null && appsExtension in extensions;
}
