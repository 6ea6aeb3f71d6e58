import type { ServerResponse } from 'node:http';

/**
 * The MCP requests being answered, and whether the server is shutting down; shared by the app
 * (which counts and refuses) and shutdown (which waits). A request counts until its response is
 * written out or its connection closes — not merely until its handler returns — so shutdown
 * never closes a connection under a response still being written.
 *
 * @example
 * inFlight.track(ctx.res);
 * const finished = await inFlight.settled(10_000);
 */
export class InFlight {
  /** Set when shutdown begins: new requests are refused with 503. */
  shuttingDown = false;
  #count = 0;
  readonly #counted = new WeakSet<ServerResponse>();
  readonly #waiting = new Set<() => void>();

  get count(): number {
    return this.#count;
  }

  /** Counts `res` as in flight until it closes (written out, or its connection gone). */
  track(res: ServerResponse): void {
    this.#count++;
    this.#counted.add(res);
    res.once('close', () => this.untrack(res));
  }

  /**
   * Stops counting `res`: a response that stays open by design (a `subscriptions/listen` stream)
   * must not hold shutdown's drain; it is ended with its closing result instead.
   */
  untrack(res: ServerResponse): void {
    if (!this.#counted.delete(res)) return;
    this.#count--;
    if (this.#count === 0) for (const wake of [...this.#waiting]) wake();
  }

  /** Resolves `true` once nothing is in flight, or `false` when `ms` pass first. */
  settled(ms: number): Promise<boolean> {
    if (this.#count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean): void => {
        clearTimeout(timer);
        this.#waiting.delete(wake);
        resolve(idle);
      };
      const wake = (): void => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.#waiting.add(wake);
    });
  }
}
