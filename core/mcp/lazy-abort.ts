/**
 * An abort flag whose `AbortSignal` is built only when someone asks for it. Creating an
 * AbortController is a measurable share of a trivial tool call, and most handlers never look
 * at their signal.
 */
export class LazyAbort {
  #controller: AbortController | undefined;
  #reason: unknown;
  #aborted = false;

  get aborted(): boolean {
    return this.#aborted;
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }
}

/** A handler `extra` that can say it was cancelled without building its signal. */
export interface CancellableExtra {
  readonly cancelled?: () => boolean;
  readonly signal: AbortSignal;
}

/** True when the request behind `extra` was cancelled. */
export function isCancelled(extra: CancellableExtra): boolean {
  return extra.cancelled ? extra.cancelled() : extra.signal.aborted;
}
