import type { SharedState } from './shared-state.js';

/** A plugin's channel to its copies on the other instances (`ctx.messages`). */
export interface PluginMessages {
  /** Sends `message` to every instance's handlers of `topic`, this one's included. */
  send(topic: string, message: string): Promise<void>;
  /** Calls `handler` for each message on `topic`; resolves to the function that stops it. */
  onMessage(topic: string, handler: (message: string) => void): Promise<() => Promise<void>>;
}

/**
 * A plugin's messages to its own copies on the deployment's other instances, on channels named
 * after the plugin so plugins cannot hear each other.
 *
 * @example
 * const messages = pluginMessages(shared, 'runbooks');
 * await messages.onMessage('cancel', (runId) => background.cancel(runId));
 * await messages.send('cancel', runId);
 */
export function pluginMessages(shared: SharedState, pluginId: string): PluginMessages {
  const named = (topic: string): string => `plugin:${pluginId}:${topic}`;
  return {
    send: (topic, message) => shared.publish(named(topic), message),
    onMessage: (topic, handler) => shared.subscribe(named(topic), handler),
  };
}
