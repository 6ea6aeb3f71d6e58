import type { Socket } from 'node:net';
import type { Logger } from '../log/logger.js';

/** At most one warning per address in this long, however many connections it has refused. */
const warnEveryMs = 60_000;
/** Above this many remembered addresses, the ones not warned about lately are forgotten. */
const rememberedAddresses = 10_000;

/**
 * Counts open connections per remote address and refuses one beyond `perAddress`, so one
 * client cannot hold every connection the process can serve. A refusal is logged as one warning
 * per address per minute (with how many were refused since the last), not one per connection.
 *
 * @example
 * const limit = new ConnectionLimit({ perAddress: 100, log });
 * server.on('connection', (socket) => { if (!limit.admit(socket)) refuse(socket); });
 */
export class ConnectionLimit {
  readonly #perAddress: number;
  readonly #log: Logger;
  readonly #open = new Map<string, number>();
  readonly #warned = new Map<string, { at: number; refused: number }>();

  constructor(options: { perAddress: number; log: Logger }) {
    this.#perAddress = options.perAddress;
    this.#log = options.log;
  }

  /** Counts `socket` until it closes and returns true, or returns false when its address is full. */
  admit(socket: Socket): boolean {
    const address = socket.remoteAddress ?? 'unknown';
    const open = this.#open.get(address) ?? 0;
    if (open >= this.#perAddress) {
      this.#refused(address);
      return false;
    }
    this.#open.set(address, open + 1);
    socket.once('close', () => {
      const left = (this.#open.get(address) ?? 1) - 1;
      if (left > 0) this.#open.set(address, left);
      else this.#open.delete(address);
    });
    return true;
  }

  #refused(address: string): void {
    const now = Date.now();
    const last = this.#warned.get(address);
    if (last && now - last.at < warnEveryMs) {
      last.refused++;
      return;
    }
    if (this.#warned.size >= rememberedAddresses) {
      for (const [known, entry] of this.#warned)
        if (now - entry.at >= warnEveryMs) this.#warned.delete(known);
    }
    this.#warned.set(address, { at: now, refused: 0 });
    this.#log.warn('refusing connections from an address over http.maxConnectionsPerAddress', {
      address,
      limit: this.#perAddress,
      refusedSinceLastWarning: (last?.refused ?? 0) + 1,
    });
  }
}
