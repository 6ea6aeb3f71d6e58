/** The first pause between attempts, doubled after each: 250 ms, 500 ms, 1 s, … */
const firstPauseMs = 250;

/**
 * How long to wait before attempt `attempt + 1`: what a `Retry-After` header asks for (seconds
 * or an HTTP date), otherwise an exponential back-off.
 *
 * @example
 * retryDelay(0, '2') // 2000
 * retryDelay(1)      // 500
 */
export function retryDelay(attempt: number, retryAfter?: string | null): number {
  const backoff = firstPauseMs * 2 ** attempt;
  if (retryAfter === undefined || retryAfter === null || retryAfter.trim() === '') return backoff;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? backoff : Math.max(0, date - Date.now());
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts.
 *
 * @example
 * await waitFor(500, ctx.signal);
 */
export function waitFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
