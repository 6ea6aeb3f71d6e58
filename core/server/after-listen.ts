import type { Logger } from '../log/logger.js';
import type { SetUpPlugins } from './setup-plugins.js';

/**
 * Starts the work that waits for the first answer (ADR 0041): each plugin's `onListen`, all at
 * once, none awaited by `listen()`. A failure is logged with the plugin's id and never rejects,
 * so the returned promise only says when everything has finished, failed work included.
 *
 * @example
 * settled = startAfterListen(setUp.listeners, log);
 */
export function startAfterListen(listeners: SetUpPlugins['listeners'], log: Logger): Promise<void> {
  return Promise.all(
    listeners.map(async ({ pluginId, onListen }) => {
      try {
        await onListen();
      } catch (error) {
        log.error('plugin work after listen failed', {
          plugin: pluginId,
          error: (error as Error).message,
        });
      }
    }),
  ).then(() => undefined);
}
