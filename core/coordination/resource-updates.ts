import type { Logger } from '../log/logger.js';
import type { SharedState } from './shared-state.js';

const channel = 'resource-updated';

/**
 * `notifyResourceUpdated` for a deployment: the change is published through shared state and
 * every instance (this one included) tells the sessions it holds, so a client subscribed on one
 * instance hears of a change made through another. In-process state delivers it here alone.
 *
 * @example
 * const updates = await resourceUpdatesAcrossInstances(shared, log, (uri) => {
 *   for (const endpoint of endpoints.values()) endpoint.notifyResourceUpdated(uri);
 * });
 * updates.notify('ticket://42');
 */
export async function resourceUpdatesAcrossInstances(
  shared: SharedState,
  log: Logger,
  deliverHere: (uri: string) => void,
): Promise<{ notify: (uri: string) => void; stop: () => Promise<void> }> {
  const stop = await shared.subscribe(channel, deliverHere);
  return {
    notify: (uri) => {
      shared.publish(channel, uri).catch((error: unknown) => {
        // The other instances miss it; the sessions here must not.
        log.warn('a resource change could not be sent to the other instances', {
          uri,
          error: (error as Error).message,
        });
        deliverHere(uri);
      });
    },
    stop,
  };
}
