import { definePlugin, type PluginDefinition } from '../../core/index.js';
import { pingTool } from './tools/ping.js';
import { whoamiTool } from './tools/whoami.js';

/** Options of {@link diagnosticsPlugin} (none yet; kept so every plugin is called the same way). */
export type DiagnosticsPluginOptions = Record<string, never>;

/**
 * Connection checks: `ping` and `whoami`.
 *
 * @example
 * defineConfig({ plugins: [diagnosticsPlugin()], collections: [...] })
 */
export function diagnosticsPlugin(_options: DiagnosticsPluginOptions = {}): PluginDefinition {
  return definePlugin({
    id: 'diagnostics',
    version: '0.1.0',
    description: 'Connection checks for assistants and operators.',
    scopes: { 'diagnostics:read': 'Check the connection and see who you are signed in as' },
    tools: [pingTool, whoamiTool],
  });
}
