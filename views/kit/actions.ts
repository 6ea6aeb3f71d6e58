// Which agent actions this caller may see: the server names them in the result's _meta, per
// caller scopes, so a view never offers a button the server would refuse.
import type { ToolResultMessage } from './host.js';

/** The `_meta` key under which the server lists the tools a view may offer as buttons. */
export const ACTIONS_META_KEY = 'servicedesk-mcp/actions';

/**
 * The tool names the result allows the view to offer; anything malformed gives the empty set.
 *
 * @example
 * if (allowedActions(result).has('assign_to_me')) showAssignButton();
 */
export function allowedActions(result: ToolResultMessage): ReadonlySet<string> {
  const listed = result._meta?.[ACTIONS_META_KEY];
  if (!Array.isArray(listed)) return new Set();
  return new Set(listed.filter((name): name is string => typeof name === 'string'));
}
