import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { PluginScopes } from '../plugin/plugin-scopes.js';
import type { Scope } from '../scope/scope.js';

/**
 * A runtime tool that exists but cannot be served now — its remote server is down, say. It is
 * not listed; a caller whose scopes would allow it, calling it by name, gets an `isError` result
 * whose text is `message` (audited as `TOOL_UNAVAILABLE`) rather than "not found". Anyone else
 * still gets "not found", so nobody learns of tools they could not use.
 *
 * @example
 * ctx.setDynamicTools([], {
 *   unavailable: [{ name: 'monitor_status', scopes: ['monitoring:read'],
 *     message: 'remote "Monitoring" is unavailable (since 2026-05-04T09:30:00Z); try again later' }],
 * });
 */
export interface UnavailableTool {
  readonly name: string;
  readonly scopes: readonly Scope[];
  /** Advice the model can act on: what is down, since when, what to do. */
  readonly message: string;
}

/** Options of `ctx.setDynamicTools`. */
export interface DynamicToolsOptions {
  /** Tools of this plugin that exist but cannot be served now; none when left out. */
  readonly unavailable?: readonly UnavailableTool[];
}

/**
 * Checks a plugin's unavailable tools as `setDynamicTools` checks its tools — a name under one of
 * its prefixes, given once and not also offered, scopes its plugin may use — and returns them by
 * name, frozen. Throws a ServiceDeskError naming the plugin and the tool.
 *
 * @example
 * const byName = checkUnavailableTools('external-mcp', unavailable, { underPrefix, scopes, offered });
 */
export function checkUnavailableTools(
  pluginId: string,
  unavailable: readonly UnavailableTool[],
  rules: {
    readonly underPrefix: (name: string) => void;
    readonly scopes: PluginScopes;
    readonly offered: ReadonlySet<string>;
  },
): ReadonlyMap<string, UnavailableTool> {
  const byName = new Map<string, UnavailableTool>();
  for (const tool of unavailable) {
    const owner = `plugin "${pluginId}" set unavailable tool "${String(tool.name)}"`;
    rules.underPrefix(tool.name);
    if (byName.has(tool.name) || rules.offered.has(tool.name)) {
      throw new ServiceDeskError(
        'TOOL_DUPLICATE_NAME',
        `${owner} twice, or also as a tool it offers; a name is either offered or unavailable`,
      );
    }
    const undefinedScope = tool.scopes.find((scope) => !rules.scopes.has(scope));
    if (undefinedScope !== undefined) {
      throw new ServiceDeskError(
        'SCOPE_UNDEFINED',
        `${owner} with scope "${undefinedScope}", which ${rules.scopes.missing(undefinedScope)}`,
      );
    }
    byName.set(
      tool.name,
      Object.freeze({
        name: tool.name,
        scopes: Object.freeze([...tool.scopes]),
        message: tool.message,
      }),
    );
  }
  return byName;
}
