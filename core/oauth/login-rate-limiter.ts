/**
 * Counts failed sign-ins per key (IP address and e-mail) in a sliding window, in memory: each
 * process limits on its own, which bounds guessing to `max × processes` per window.
 *
 * @example
 * const limiter = new LoginRateLimiter({ max: 5, windowMs: 900_000 });
 * if (limiter.blocked(key)) return tooMany();
 * if (!ok) limiter.fail(key);
 */
export class LoginRateLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #failures = new Map<string, number[]>();

  constructor(options: { max: number; windowMs: number; now?: () => number }) {
    this.#max = options.max;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#windowMs;
    const times = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, times);
    return times;
  }

  /** True when `key` has used up its failures for this window. */
  blocked(key: string): boolean {
    return this.#recent(key).length >= this.#max;
  }

  fail(key: string): void {
    // A flood of distinct keys must not grow memory without bound: drop the oldest entries.
    if (this.#failures.size >= 10_000) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
    this.#failures.set(key, [...this.#recent(key), this.#now()]);
  }

  /** Forgets `key` after a successful sign-in. */
  succeed(key: string): void {
    this.#failures.delete(key);
  }
}
