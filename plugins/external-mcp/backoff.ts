/** How long to wait before reconnection attempt number `attempt` (0 for the first retry). */
export type Backoff = (attempt: number) => number;

/**
 * Exponential backoff with jitter and a cap: `initialMs · 2^attempt`, at most `maxMs`, then a
 * random 50–100 % of it so many servers do not hammer a recovering remote in step.
 *
 * @example
 * const delay = exponentialBackoff({ initialMs: 500, maxMs: 60_000 });
 * delay(0); // 250–500 ms
 * delay(10); // 30–60 s
 */
export function exponentialBackoff(options: {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly random?: () => number;
}): Backoff {
  const random = options.random ?? Math.random;
  return (attempt) => {
    const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
    return Math.round(ceiling * (0.5 + random() / 2));
  };
}
