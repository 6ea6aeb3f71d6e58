import type { ClientCapabilities, LoggingLevel } from '@modelcontextprotocol/sdk/types.js';

/**
 * Per-connection state the handlers consult. Stateless collections share one instance that
 * never remembers anything between requests; stateful sessions each have their own.
 */
export interface SessionState {
  readonly stateful: boolean;
  logLevel: LoggingLevel | undefined;
  readonly subscriptions: Set<string>;
  /** What the client declared at initialize (stateful sessions only). */
  clientCapabilities(): ClientCapabilities | undefined;
}

/** The shared state of a stateless collection: nothing sticks. */
export function statelessState(): SessionState {
  return {
    stateful: false,
    get logLevel() {
      return undefined;
    },
    set logLevel(_level) {
      // Each stateless request stands alone; a level set by one caller must not affect others.
    },
    subscriptions: new Set<string>(),
    clientCapabilities: () => undefined,
  };
}
