import type { ServerResponse } from 'node:http';

const release$ = Symbol('in-flight release');

/** A response that {@link InFlight.track} counts, with the way to stop counting it. */
type Releasable = ServerResponse & { [release$]?: () => void };

/**
 * Stops counting `res` as in flight: a response that stays open by design (a
 * `subscriptions/listen` stream) must not hold shutdown's drain; it is ended with its closing
 * result instead.
 *
 * @example
 * stopCounting(ctx.res);
 */
export function stopCounting(res: ServerResponse): void {
  (res as Releasable)[release$]?.();
}

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
  /**
   * Set when shutdown begins, before {@link shuttingDown}: `/readyz` answers 503 `draining` so a
   * load balancer stops sending here, while requests are still served as usual.
   */
  draining = false;
  /** Set once the drain is over: new requests are refused with 503. */
  shuttingDown = false;
  #count = 0;
  readonly #waiting = new Set<() => void>();

  get count(): number {
    return this.#count;
  }

  /** Counts `res` as in flight until it closes (written out, or its connection gone). */
  track(res: ServerResponse): void {
    this.#count++;
    let counted = true;
    const release = (): void => {
      if (!counted) return;
      counted = false;
      this.#count--;
      if (this.#count === 0) for (const wake of [...this.#waiting]) wake();
    };
    (res as Releasable)[release$] = release;
    res.once('close', release);
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
