import type { Logger } from '../log/logger.js';

/** One line per address and reason at most this often; the rest are counted into the next line. */
const quietMs = 60_000;
/** Addresses remembered at most, so a flood from many addresses cannot grow memory. */
const maxKeys = 10_000;

/**
 * Logs refused authentication (a 401: no, unknown, expired or wrong-audience token) with the
 * client address and the reason, never the token. Rate-limited: the first refusal of an address
 * and reason is logged at once, later ones within a minute are counted and reported with the
 * next line, so a flood of bad tokens costs a line a minute per address.
 *
 * @example
 * failedAuth.refused({ reason: 'AUTH_TOKEN_INVALID', address: ctx.ip, path: ctx.path });
 */
export class FailedAuthLog {
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #last = new Map<string, { at: number; suppressed: number }>();

  constructor(log: Logger, now: () => number = Date.now) {
    this.#log = log;
    this.#now = now;
  }

  refused(event: {
    readonly reason: string;
    readonly address: string;
    readonly path: string;
  }): void {
    const key = `${event.address}|${event.reason}`;
    const now = this.#now();
    const last = this.#last.get(key);
    if (last !== undefined && now - last.at < quietMs) {
      last.suppressed++;
      return;
    }
    if (this.#last.size >= maxKeys) {
      const oldest = this.#last.keys().next().value;
      if (oldest !== undefined) this.#last.delete(oldest);
    }
    this.#last.delete(key);
    this.#last.set(key, { at: now, suppressed: 0 });
    this.#log.warn('authentication refused', {
      reason: event.reason,
      address: event.address,
      path: event.path,
      ...(last !== undefined &&
        last.suppressed > 0 && { suppressedSinceLastLine: last.suppressed }),
    });
  }
}
