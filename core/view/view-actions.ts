import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Scope } from '../scope/scope.js';
import type { CompiledTool } from '../tool/compile-tool.js';

/** The result `_meta` key naming the actions a view may offer this caller. */
export const viewActionsKey = 'servicedesk-mcp/actions';

/**
 * A result of a tool with a view, with `_meta["servicedesk-mcp/actions"]` naming the view's
 * actions this caller may call on this endpoint (offered here and allowed by their scopes), so
 * an end user's card shows no agent buttons. Other results are returned as they are.
 *
 * @example
 * withViewActions(result, tool, { scopes: principal.scopes, offered: registry.tools });
 * // result._meta['servicedesk-mcp/actions'] → ['add_note'] for an end user
 */
export function withViewActions(
  result: CallToolResult,
  tool: CompiledTool,
  caller: { scopes: ReadonlySet<Scope>; offered: ReadonlyMap<string, CompiledTool> },
): CallToolResult {
  const { scopes, offered } = caller;
  const actions = tool.definition.ui?.view?.actions;
  if (actions === undefined || actions.length === 0) return result;
  const allowed = actions.filter((name) => {
    const action = offered.get(name);
    return action !== undefined && action.definition.scopes.every((scope) => scopes.has(scope));
  });
  return { ...result, _meta: { ...result._meta, [viewActionsKey]: allowed } };
}
