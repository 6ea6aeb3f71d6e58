/**
 * Work written as a generator that yields between chunks: run to the end at once by
 * {@link runToEnd}, or by {@link runCooperatively} letting the event loop answer calls between
 * chunks (a server trains its models this way, so training never stalls a call for long).
 */
export type ChunkedWork<T> = Generator<void, T, void>;

/**
 * Runs chunked work to its end without pausing.
 *
 * @example
 * const model = runToEnd(softmaxTraining(rows, labels, shape));
 */
export function runToEnd<T>(work: ChunkedWork<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done === true) return step.value;
  }
}

/**
 * Runs chunked work, giving the event loop a turn (`setImmediate`) after every chunk; stops
 * between chunks, with undefined, once `cancelled()` says so (a server shutting down).
 *
 * @example
 * const classifiers = await runCooperatively(fieldClassifierTraining(history, fields));
 */
export async function runCooperatively<T>(
  work: ChunkedWork<T>,
  cancelled: () => boolean = () => false,
): Promise<T | undefined> {
  for (;;) {
    if (cancelled()) return undefined;
    const step = work.next();
    if (step.done === true) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
