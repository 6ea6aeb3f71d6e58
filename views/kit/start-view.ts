// What every view does to start: say it is loading, connect to the host, follow its theme, and
// call tools through it with failures turned into text to show.
import { replaceChildren } from './dom.js';
import {
  connectToHost,
  type ConnectOptions,
  type HostConnection,
  type ToolResultMessage,
} from './host.js';
import { resultText, statusBlock } from './status.js';
import { applyHostContext, followSystemTheme } from './theme.js';

/** A tool's result, or why the call failed: its isError text, or the host's refusal. */
export type CallOutcome = ToolResultMessage | { error: string };

/** A started view's line to its host. */
export interface StartedView {
  /** Calls a tool through the host; never throws. */
  call(name: string, args: Record<string, unknown>): Promise<CallOutcome>;
  /** The tool whose result the host is showing (`toolInfo`), once connected and if it says. */
  toolName(): string | undefined;
}

/**
 * Shows `loading`, connects to the host (applying its theme unless `onContextChange` is given)
 * and hands back the way to call tools. A host that never answers leaves the loading line; one
 * that refuses gets the reason on the page.
 *
 * @example
 * const view = startView({ name: 'ticket-card', version: '1.0.0', loading: 'Loading ticket…',
 *   onToolResult: render });
 * const outcome = await view.call('get_ticket', { ticketId: 7 });
 */
export function startView(options: ConnectOptions & { loading: string }): StartedView {
  let host: HostConnection | undefined;
  followSystemTheme();
  replaceChildren(document.body, statusBlock('loading', options.loading));
  connectToHost({ onContextChange: applyHostContext, ...options }).then(
    (connection) => {
      host = connection;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      replaceChildren(document.body, statusBlock('error', `Could not reach the host: ${message}`));
    },
  );
  return {
    async call(name, args) {
      if (!host) return { error: 'Not connected to the host yet.' };
      try {
        const result = await host.callTool(name, args);
        return result.isError === true ? { error: resultText(result) } : result;
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    },
    toolName() {
      const info = host?.context.toolInfo as { tool?: { name?: unknown } } | undefined;
      return typeof info?.tool?.name === 'string' ? info.tool.name : undefined;
    },
  };
}
