import type { SharedState } from '../coordination/shared-state.js';
import { openLimiter, type Limiter } from '../limits/rate-limiter.js';

/**
 * Counts failed sign-ins (or any event) per key — IP address and e-mail — in a fixed window. On
 * shared state in Redis every instance sees the others' failures, so guessing is bounded to `max`
 * per window for the whole deployment; in process, each instance counts alone.
 *
 * @example
 * const limiter = new LoginRateLimiter(shared, { name: 'sign-in', max: 5, windowMs: 900_000 });
 * if (await limiter.blocked(key)) return tooMany();
 * if (!ok) await limiter.fail(key);
 */
export class LoginRateLimiter {
  readonly #limiter: Limiter;
  readonly #max: number;

  constructor(shared: SharedState, options: { name: string; max: number; windowMs: number }) {
    this.#max = options.max;
    this.#limiter = openLimiter(shared, {
      name: options.name,
      points: options.max,
      durationSeconds: Math.max(1, Math.ceil(options.windowMs / 1000)),
    });
  }

  /** True when `key` has used up its failures for this window. */
  async blocked(key: string): Promise<boolean> {
    return (await this.#limiter.used(key)) >= this.#max;
  }

  /** Counts one failure for `key`. */
  async fail(key: string): Promise<void> {
    await this.#limiter.consume(key);
  }

  /** Forgets `key` after a successful sign-in. */
  async succeed(key: string): Promise<void> {
    await this.#limiter.reset(key);
  }
}
