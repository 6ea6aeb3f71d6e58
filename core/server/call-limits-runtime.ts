import { ToolCallLimits } from '../limits/tool-call-limits.js';
import type { Runtime } from './runtime.js';
import type { ResolvedSettings } from './settings.js';

/**
 * The runtime that serves requests: `runtime` with the collections' `tools/call` budgets, counted
 * in its shared state.
 *
 * @example
 * const serving = withCallLimits(runtime, settings);
 */
export function withCallLimits(runtime: Runtime, settings: ResolvedSettings): Runtime {
  return {
    ...runtime,
    callLimits: new ToolCallLimits(runtime.shared, settings.collectionCallLimits),
  };
}
