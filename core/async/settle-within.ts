/**
 * Settles with `work`, or with what `late()` gives if `work` has not settled within `ms`; the
 * timer is cleared either way, so it never holds the process open. `late` may return a rejected
 * promise to fail instead.
 *
 * @example
 * const answer = await settleWithin(check(), 2_000, () => ({ ok: false, detail: 'no answer' }));
 */
export async function settleWithin<T, L>(
  work: Promise<T>,
  ms: number,
  late: () => L | Promise<L>,
): Promise<T | L> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<L>((resolve) => {
    timer = setTimeout(() => resolve(late()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
