import type {
  ClientCapabilities,
  LoggingLevel,
  RequestId,
} from '@modelcontextprotocol/sdk/types.js';

/**
 * Per-connection state the handlers consult. Stateless collections share one instance that
 * never remembers anything between requests; stateful sessions each have their own.
 */
export interface SessionState {
  readonly stateful: boolean;
  /** The least severe level sent to the client: `info` until a stateful client sets another. */
  logLevel: LoggingLevel;
  readonly subscriptions: Set<string>;
  /** What the client declared at initialize (stateful sessions only). */
  clientCapabilities(): ClientCapabilities | undefined;
  /**
   * Ends the event stream carrying request `requestId` (the server-side id) while the request
   * goes on; the client resumes with `Last-Event-ID`. Stateful sessions only; false when the
   * reply is not a resumable stream.
   */
  readonly closeStream?: (requestId: RequestId) => boolean;
}

/** What clients receive before they choose: debug lines stay in the server log. */
export const defaultClientLogLevel: LoggingLevel = 'info';

/** The shared state of a stateless collection: nothing sticks. */
export function statelessState(): SessionState {
  return {
    stateful: false,
    get logLevel() {
      return defaultClientLogLevel;
    },
    set logLevel(_level) {
      // Each stateless request stands alone; a level set by one caller must not affect others.
    },
    subscriptions: new Set<string>(),
    clientCapabilities: () => undefined,
  };
}
